import {
  ConfigurableModuleBuilder,
  Module,
  type ConfigurableModuleAsyncOptions,
  type DynamicModule,
  type Provider,
} from '@nestjs/common';
import { ParallelToolsError } from '../errors/parallel-tools.error';
import type { Extractor } from '../extractor/extractor';
import { getExtractorToken } from './extractor.token';

/** What `forRoot` takes and what a `forRootAsync` factory returns. */
export interface ParallelToolsModuleOptions {
  /** Any `from*` result (`fromOpenAI`, `fromGenAI`, `fromVertexAI`): each one is an `Extractor`. */
  extractor: Extractor<any>;
}

/** Registration settings shared by `forRoot` and `forRootAsync`. */
export interface ParallelToolsModuleExtras {
  /** Make the extractor injectable in every module without importing this one. Default false. */
  isGlobal?: boolean;
  /** Register a named extractor (inject it with `@InjectExtractor(name)`) instead of the default one. */
  name?: string;
}

/** The method a `useClass` / `useExisting` options factory implements. */
export interface ParallelToolsOptionsFactory {
  createParallelToolsOptions(): ParallelToolsModuleOptions | Promise<ParallelToolsModuleOptions>;
}

/** What `forRootAsync` takes: `useFactory` + `inject` + `imports`, or `useClass` / `useExisting`. */
export type ParallelToolsModuleAsyncOptions = ConfigurableModuleAsyncOptions<
  ParallelToolsModuleOptions,
  'createParallelToolsOptions'
> &
  ParallelToolsModuleExtras;

// Module-private: each forRoot/forRootAsync is its own module instance, so named registrations
// share this token without seeing each other's options.
const MODULE_OPTIONS = Symbol('parallel-tools:module-options');

const { ConfigurableModuleClass } = new ConfigurableModuleBuilder<ParallelToolsModuleOptions>({
  optionsInjectionToken: MODULE_OPTIONS,
})
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createParallelToolsOptions')
  .setExtras<ParallelToolsModuleExtras>(
    { isGlobal: false, name: undefined },
    (definition, { isGlobal, name }) => {
      const token = getExtractorToken(name);
      const extractor: Provider = {
        provide: token,
        useFactory: (options: ParallelToolsModuleOptions | undefined) => checkedExtractor(options, name),
        inject: [MODULE_OPTIONS],
      };
      return {
        ...definition,
        global: isGlobal,
        providers: [...(definition.providers ?? []), extractor],
        exports: [token],
      };
    },
  )
  .build();

/**
 * Registers an {@link Extractor} for injection. The default one is injected by type
 * (`constructor(private readonly extractor: Extractor)`); named ones with `@InjectExtractor(name)`,
 * so one app can hold, say, an OpenAI and a Gemini extractor.
 *
 * @example
 * @Module({
 *   imports: [
 *     ParallelToolsModule.forRoot({ extractor: fromOpenAI(new OpenAI(), { model: 'gpt-4o-mini' }), isGlobal: true }),
 *     ParallelToolsModule.forRootAsync({
 *       name: 'gemini',
 *       imports: [ConfigModule],
 *       inject: [ConfigService],
 *       useFactory: (config: ConfigService) => ({
 *         extractor: fromGenAI(new GoogleGenAI({ apiKey: config.get('GEMINI_API_KEY') }), { model: 'gemini-2.5-flash' }),
 *       }),
 *     }),
 *   ],
 * })
 * export class AppModule {}
 */
@Module({})
export class ParallelToolsModule extends ConfigurableModuleClass {
  /** Registers an extractor built up front. */
  static override forRoot(options: ParallelToolsModuleOptions & ParallelToolsModuleExtras): DynamicModule {
    getExtractorToken(options?.name); // a bad name fails here, where the stack points at the caller
    return super.forRoot(options);
  }

  /** Registers an extractor built from other providers (configuration, secrets, …) when the app starts. */
  static override forRootAsync(options: ParallelToolsModuleAsyncOptions): DynamicModule {
    getExtractorToken(options?.name);
    return super.forRootAsync(options);
  }
}

function checkedExtractor(
  options: ParallelToolsModuleOptions | undefined,
  name: string | undefined,
): Extractor<any> {
  const extractor = options?.extractor as Partial<Extractor> | undefined;
  // Duck-typed: a second copy of the package (a linked build, say) has its own Extractor class.
  if (typeof extractor?.extract === 'function' && typeof extractor.stream === 'function')
    return extractor as Extractor;
  const method = name === undefined ? 'ParallelToolsModule' : `ParallelToolsModule (name: '${name}')`;
  throw new ParallelToolsError(
    'invalid_options',
    `${method} needs { extractor }: an Extractor such as fromOpenAI(new OpenAI()). ` +
      `Got ${describe(options)}. With forRootAsync, useFactory must return { extractor: ... }, not the extractor itself.`,
  );
}

function describe(options: unknown): string {
  if (options === null || typeof options !== 'object') return String(options);
  if (typeof (options as Partial<Extractor>).extract === 'function') return 'the extractor itself';
  const value = (options as { extractor?: unknown }).extractor;
  if (value === undefined)
    return `an object without 'extractor' (keys: ${Object.keys(options).join(', ') || 'none'})`;
  return `extractor: ${value === null ? 'null' : typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value}`;
}

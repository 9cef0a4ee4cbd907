import { Injectable, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { Extractor, ParallelToolsError, Tool } from 'parallel-tools';
import {
  getExtractorToken,
  InjectExtractor,
  ParallelToolsModule,
  type ParallelToolsModuleOptions,
  type ParallelToolsOptionsFactory,
} from 'parallel-tools/nestjs';
import { fromGenAI } from 'parallel-tools/genai';
import { fromOpenAI } from 'parallel-tools/openai';
import { genAITestOptions, MockGeminiServer, MockOpenAIServer } from 'parallel-tools/testing';

@Tool()
class Lookup {
  @IsString() query!: string;
}

const ask = (extractor: Extractor, query: string) =>
  extractor.extract({ messages: [{ role: 'user', content: query }], responseModel: [Lookup] });

/** Injects the default extractor by type, with no decorator. */
@Injectable()
class SearchService {
  constructor(readonly extractor: Extractor) {}
}

/** Stands in for @nestjs/config's ConfigService: a provider exported by an imported module. */
@Injectable()
class AppConfig {
  baseURL = '';
  readonly apiKey = 'key-from-config';
  readonly model = 'model-from-config';
}

@Module({ providers: [AppConfig], exports: [AppConfig] })
class AppConfigModule {}

describe('ParallelToolsModule', () => {
  let openaiServer: MockOpenAIServer;
  let otherServer: MockOpenAIServer;
  let geminiServer: MockGeminiServer;
  const extractorFor = (server: MockOpenAIServer, apiKey = 'test', model = 'gpt-4o-mini') =>
    fromOpenAI(new OpenAI({ baseURL: server.baseURL, apiKey, maxRetries: 0 }), { model });

  beforeAll(async () => {
    [openaiServer, otherServer, geminiServer] = await Promise.all([
      MockOpenAIServer.start(),
      MockOpenAIServer.start(),
      MockGeminiServer.start(),
    ]);
  });
  afterAll(() => Promise.all([openaiServer.close(), otherServer.close(), geminiServer.close()]));
  beforeEach(() => [openaiServer, otherServer, geminiServer].forEach((server) => server.requests.splice(0)));

  const compile = (imports: any[], providers: Type[] = [SearchService]) =>
    Test.createTestingModule({ imports, providers }).compile();

  it('forRoot: services inject the Extractor by type, and it reaches the model', async () => {
    const extractor = extractorFor(openaiServer);
    const moduleRef = await compile([ParallelToolsModule.forRoot({ extractor })]);
    expect(moduleRef.get(SearchService).extractor).toBe(extractor);
    expect(moduleRef.get(Extractor)).toBe(extractor);
    expect(getExtractorToken()).toBe(Extractor);

    openaiServer.enqueueToolCalls([{ name: 'Lookup', arguments: { query: 'q1' } }]);
    await expect(ask(moduleRef.get(SearchService).extractor, 'find q1')).resolves.toEqual([
      Object.assign(new Lookup(), { query: 'q1' }),
    ]);
    expect(openaiServer.requests).toHaveLength(1);
    await moduleRef.close();
  });

  it('forRootAsync: builds the extractor from a provider of an imported module', async () => {
    const moduleRef = await compile([
      ParallelToolsModule.forRootAsync({
        imports: [AppConfigModule],
        inject: [AppConfig],
        useFactory: async (config: AppConfig) => {
          config.baseURL = openaiServer.baseURL;
          return { extractor: extractorFor(openaiServer, config.apiKey, config.model) };
        },
      }),
    ]);
    openaiServer.enqueueToolCalls([{ name: 'Lookup', arguments: { query: 'q2' } }]);
    await expect(ask(moduleRef.get(SearchService).extractor, 'find q2')).resolves.toHaveLength(1);
    expect(openaiServer.requests[0].headers.authorization).toBe('Bearer key-from-config');
    expect(openaiServer.requests[0].body.model).toBe('model-from-config');
    await moduleRef.close();
  });

  it('forRootAsync: accepts an options factory class (useClass) with its own dependencies', async () => {
    @Injectable()
    class ExtractorOptions implements ParallelToolsOptionsFactory {
      constructor(private readonly config: AppConfig) {}
      createParallelToolsOptions(): ParallelToolsModuleOptions {
        return { extractor: extractorFor(otherServer, this.config.apiKey) };
      }
    }
    const moduleRef = await compile([
      ParallelToolsModule.forRootAsync({ imports: [AppConfigModule], useClass: ExtractorOptions }),
    ]);
    otherServer.enqueueToolCalls([{ name: 'Lookup', arguments: { query: 'q3' } }]);
    await ask(moduleRef.get(Extractor), 'find q3');
    expect(otherServer.requests[0].headers.authorization).toBe('Bearer key-from-config');
    await moduleRef.close();
  });

  it('holds two named extractors in one app, each injected with @InjectExtractor(name)', async () => {
    @Injectable()
    class Planner {
      constructor(
        @InjectExtractor('openai') readonly openai: Extractor,
        @InjectExtractor('gemini') readonly gemini: Extractor,
      ) {}
    }
    const openai = extractorFor(openaiServer);
    const gemini = fromGenAI(new GoogleGenAI(genAITestOptions(geminiServer)), { model: 'gemini-2.5-flash' });
    const moduleRef = await compile(
      [
        ParallelToolsModule.forRoot({ extractor: openai, name: 'openai' }),
        ParallelToolsModule.forRootAsync({ name: 'gemini', useFactory: () => ({ extractor: gemini }) }),
      ],
      [Planner],
    );
    const planner = moduleRef.get(Planner);
    expect(planner.openai).toBe(openai);
    expect(planner.gemini).toBe(gemini);
    expect([planner.openai.provider, planner.gemini.provider]).toEqual(['openai', 'genai']);
    expect(moduleRef.get(getExtractorToken('gemini'))).toBe(gemini);
    // Named registrations do not provide the default one.
    expect(() => moduleRef.get(Extractor)).toThrow(/Extractor/);

    openaiServer.enqueueToolCalls([{ name: 'Lookup', arguments: { query: 'from openai' } }]);
    geminiServer.enqueueFunctionCalls([{ name: 'Lookup', args: { query: 'from gemini' } }]);
    const [a, b] = await Promise.all([ask(planner.openai, 'a'), ask(planner.gemini, 'b')]);
    expect([a[0].query, b[0].query]).toEqual(['from openai', 'from gemini']);
    expect([openaiServer.requests.length, geminiServer.requests.length]).toEqual([1, 1]);
    expect(geminiServer.requests[0].path).toMatch(/gemini-2\.5-flash:generateContent$/);
    await moduleRef.close();
  });

  it('isGlobal: modules that do not import ParallelToolsModule inject it too; without it they cannot', async () => {
    @Module({ providers: [SearchService], exports: [SearchService] })
    class FeatureModule {}
    const extractor = extractorFor(openaiServer);

    const app = await NestFactory.createApplicationContext(
      {
        module: class GlobalRoot {},
        imports: [ParallelToolsModule.forRoot({ extractor, isGlobal: true }), FeatureModule],
      },
      { logger: false },
    );
    expect(app.get(SearchService).extractor).toBe(extractor);
    await app.close();

    await expect(compile([ParallelToolsModule.forRoot({ extractor }), FeatureModule], [])).rejects.toThrow(
      /can't resolve dependencies of the SearchService \(\?\)[\s\S]*Extractor/,
    );
  });

  it('says what is wrong with bad options', async () => {
    const expectOptionsError = (promise: Promise<unknown>, text: string) =>
      expect(promise).rejects.toMatchObject({
        constructor: ParallelToolsError,
        code: 'invalid_options',
        message: expect.stringContaining(text),
      });

    await expectOptionsError(
      compile([ParallelToolsModule.forRoot({} as any)]),
      "an object without 'extractor'",
    );
    const extractor = extractorFor(openaiServer);
    await expectOptionsError(
      compile([ParallelToolsModule.forRootAsync({ useFactory: () => extractor as any })]),
      'useFactory must return { extractor: ... }, not the extractor itself',
    );
    expect(() => ParallelToolsModule.forRoot({ extractor, name: '' })).toThrow(/non-empty string/);
  });
});

describe('the core entry point', () => {
  const FORBIDDEN = ['/@nestjs/', '/openai/', '/@google/genai/', '/@google-cloud/vertexai/'];
  const loadedBy = (entry: string): string[] => {
    let keys: string[] = [];
    jest.isolateModules(() => {
      require(entry);
      keys = Object.keys(require.cache);
    });
    return keys;
  };
  const forbiddenIn = (keys: string[]) =>
    keys.filter((key) => FORBIDDEN.some((part) => key.replace(/\\/g, '/').includes(part)));

  it('never loads NestJS or a provider SDK, while the nestjs entry does load NestJS', () => {
    const core = loadedBy('parallel-tools');
    expect(core).toContain(join(__dirname, '../../src/index.ts'));
    expect(core.some((key) => key.includes('class-validator'))).toBe(true);
    expect(forbiddenIn(core)).toEqual([]);

    expect(
      forbiddenIn(loadedBy('parallel-tools/nestjs')).some((key) => key.includes('/@nestjs/common/')),
    ).toBe(true);
  });

  const built = join(__dirname, '../../dist/index.js');
  (existsSync(built) ? it : it.skip)('in its built form (dist/index.js) either', () => {
    const keys = loadedBy(built);
    expect(keys).toContain(built);
    expect(forbiddenIn(keys)).toEqual([]);
  });
});

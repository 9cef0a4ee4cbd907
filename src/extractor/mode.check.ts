import { ParallelToolsError } from '../errors/parallel-tools.error';
import { Mode } from './mode';

/** The factory that serves each mode, for error messages that name the right one. */
const FACTORY_OF: Readonly<Record<Mode, string>> = {
  [Mode.PARALLEL_TOOLS]: "fromOpenAI (from 'parallel-tools/openai')",
  [Mode.RESPONSES_PARALLEL_TOOLS]: "fromOpenAI (from 'parallel-tools/openai')",
  [Mode.ANTHROPIC_PARALLEL_TOOLS]: "fromAnthropic (from 'parallel-tools/anthropic')",
  [Mode.VERTEXAI_PARALLEL_TOOLS]: "fromVertexAI (from 'parallel-tools/vertexai')",
  [Mode.GENAI_PARALLEL_TOOLS]: "fromGenAI (from 'parallel-tools/genai')",
};

/**
 * The mode a factory runs in: the one asked for, or the factory's default. A mode the factory
 * does not serve is a configuration mistake (`invalid_options`) that names the factory to use.
 */
export function resolveMode(factory: string, asked: unknown, served: readonly [Mode, ...Mode[]]): Mode {
  if (asked === undefined) return served[0];
  if ((served as readonly unknown[]).includes(asked)) return asked as Mode;
  const known = Object.prototype.hasOwnProperty.call(FACTORY_OF, String(asked));
  const fix = known
    ? `Use ${FACTORY_OF[asked as Mode]} for Mode.${String(asked)}`
    : `Pass one of: ${served.map((m) => `Mode.${m}`).join(', ')}`;
  throw new ParallelToolsError(
    'invalid_options',
    `${factory} serves ${served.map((m) => `Mode.${m}`).join(' and ')}; got ${JSON.stringify(asked) ?? String(asked)}. ${fix}.`,
  );
}

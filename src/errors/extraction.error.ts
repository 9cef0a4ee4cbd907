import { ParallelToolsError } from './parallel-tools.error';

/** Stable codes of {@link ExtractionError} and of each {@link CallFailure}. */
export type ExtractionErrorCode =
  | 'unknown_tool'
  | 'invalid_json'
  | 'validation_failed'
  | 'no_tool_calls'
  | 'incomplete_output'
  | 'refusal'
  | 'blocked'
  | 'stream_interrupted'
  | 'provider_error'
  | 'paused';

/** One call the model made that could not become a valid instance. */
export interface CallFailure {
  /** The tool name the model used (possibly one that does not exist). */
  name: string;
  /** The provider's call id, when it gives one (OpenAI does, Gemini does not). */
  id?: string;
  /** Position of the call in the model's reply. */
  index: number;
  /** The arguments as the model sent them (a JSON string on OpenAI, an object on Gemini). */
  arguments: unknown;
  code: Extract<ExtractionErrorCode, 'unknown_tool' | 'invalid_json' | 'validation_failed'>;
  /** One line per problem, e.g. `units: units must be one of the following values: imperial, metric`. */
  message: string;
  /** The flattened `path: message` lines of a validation failure. */
  errors?: string[];
}

/**
 * A model reply that could not be fully turned into valid tool calls, after every retry.
 * Nothing is lost: `results` holds every call that was valid, `failures` every one that was not.
 */
export class ExtractionError<T = unknown> extends ParallelToolsError {
  declare readonly code: ExtractionErrorCode;
  /** The calls that could not be used (last attempt). */
  readonly failures: CallFailure[];
  /** The calls that were valid, as instances, in the model's order. */
  readonly results: T[];
  /** The provider's raw last response (or the assembled stream), for inspection. */
  readonly response: unknown;
  /** How many requests were made, the first one included. */
  readonly attempts: number;

  constructor(
    code: ExtractionErrorCode,
    message: string,
    details: {
      failures?: CallFailure[];
      results?: T[];
      response?: unknown;
      attempts?: number;
      cause?: unknown;
    } = {},
  ) {
    super(code, message, { cause: details.cause });
    this.failures = details.failures ?? [];
    this.results = details.results ?? [];
    this.response = details.response;
    this.attempts = details.attempts ?? 1;
  }
}

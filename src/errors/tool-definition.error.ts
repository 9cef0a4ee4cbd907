import { ParallelToolsError } from './parallel-tools.error';

/** Stable codes of {@link ToolDefinitionError}. */
export type ToolDefinitionErrorCode =
  | 'invalid_tool_name'
  | 'invalid_response_model'
  | 'duplicate_tool_name'
  | 'not_a_tool'
  | 'unknown_property_type'
  | 'missing_decorator_metadata'
  | 'unsupported_decorators'
  | 'invalid_field_options'
  | 'schema_limit_exceeded'
  | 'recursive_schema';

/**
 * A tool class or its schema cannot be used: thrown when a decorator runs or when a class is
 * first turned into a schema. The message names `Class.property` and the fix.
 */
export class ToolDefinitionError extends ParallelToolsError {
  declare readonly code: ToolDefinitionErrorCode;
  /** The class at fault, when one is known. */
  readonly target?: Function;
  /** The property at fault, when one is known. */
  readonly property?: string;

  constructor(
    code: ToolDefinitionErrorCode,
    message: string,
    details: { target?: Function; property?: string } = {},
  ) {
    super(code, message);
    this.target = details.target;
    this.property = details.property;
  }
}

export { ParallelToolsError } from './parallel-tools.error';
export type { ParallelToolsErrorCode, ConfigurationErrorCode } from './error-codes';
export { ToolDefinitionError, type ToolDefinitionErrorCode } from './tool-definition.error';
export { ExtractionError, type ExtractionErrorCode, type CallFailure } from './extraction.error';
export { BatchRequestError, type BatchRequestErrorCode } from './batch-request.error';

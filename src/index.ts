import 'reflect-metadata';

export { Tool, TOOL_NAME_PATTERN } from './decorators/tool.decorator';
export { Field } from './decorators/field.decorator';
export type { ToolOptions } from './decorators/tool.options';
export type { FieldOptions, EnumLike } from './decorators/field.options';
export { Int, type ClassType } from './metadata/class-type';

export { getToolDefinition, toOpenAITool, toGeminiFunctionDeclaration } from './schema/tool-definition';
export type { OpenAIFunctionTool, GeminiFunctionDeclaration } from './schema/tool-definition';
export type { JsonSchema, ToolDefinition } from './schema/json-schema';
export { OPENAI_SCHEMA_LIMITS, GEMINI_MAX_FUNCTION_DECLARATIONS } from './schema/schema-limits';

export { DEFAULT_ARGUMENT_LIMITS, type ArgumentLimits } from './calls/argument-limits';
export { getValidationContext } from './calls/validation-context';
export type { RawCall } from './calls/call.validator';
export {
  JsonFragmentAssembler,
  type CallFragment,
  type AssembledCall,
} from './calls/json-fragment.assembler';

export { Extractor } from './extractor/extractor';
export type { ExtractFacade, FacadeModel } from './extractor/facade.types';
export { Mode } from './extractor/mode';
export { ExtractorHooks, type HookHandlers, type HookPayloads } from './extractor/extractor.hooks';
export type {
  ChatMessage,
  ExtractRequest,
  ExtractionControls,
  ExtractionResult,
  ExtractorOptions,
  ResponseModel,
  ToolCallOf,
  ToolClass,
  Usage,
} from './extractor/extractor.types';
export type {
  ProviderAdapter,
  ProviderTurn,
  StopReason,
  StreamAssembler,
  ToolResultMessage,
} from './extractor/provider-adapter';

export { BatchClient } from './batch/batch.client';
export { BatchJob } from './batch/batch.job';
export type { BatchContext } from './batch/batch-entry';
export type {
  BatchProtocol,
  BatchResultLine,
  BatchState,
  BatchStatus,
  ResultsSource,
} from './batch/batch-protocol';
export type {
  BatchOutcome,
  BatchProgress,
  BatchRequest,
  BatchRunOptions,
  ReadResultsOptions,
} from './batch/batch.types';

export { ParallelToolsError, ToolDefinitionError, ExtractionError, BatchRequestError } from './errors';
export type {
  ParallelToolsErrorCode,
  ConfigurationErrorCode,
  ToolDefinitionErrorCode,
  ExtractionErrorCode,
  BatchRequestErrorCode,
  CallFailure,
} from './errors';

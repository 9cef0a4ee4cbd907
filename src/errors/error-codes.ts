import type { BatchRequestErrorCode } from './batch-request.error';
import type { ExtractionErrorCode } from './extraction.error';
import type { ToolDefinitionErrorCode } from './tool-definition.error';

/**
 * A configuration mistake: options a factory or the NestJS module cannot use (a mode the factory
 * does not serve, no model name, bad module options). The message names the fix.
 */
export type ConfigurationErrorCode = 'invalid_options';

/** Every code a {@link ParallelToolsError} of this library can carry. */
export type ParallelToolsErrorCode =
  ToolDefinitionErrorCode | ExtractionErrorCode | BatchRequestErrorCode | ConfigurationErrorCode;

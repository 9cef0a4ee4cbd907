/**
 * `parallel-tools/nestjs`: a Nest module that makes an `Extractor` injectable, and an exception
 * filter that turns extraction errors into HTTP answers. Needs `@nestjs/common` and `@nestjs/core`
 * (optional peers: the core entry point never loads them).
 */
export {
  ParallelToolsModule,
  type ParallelToolsModuleAsyncOptions,
  type ParallelToolsModuleExtras,
  type ParallelToolsModuleOptions,
  type ParallelToolsOptionsFactory,
} from './parallel-tools.module';
export { getExtractorToken, InjectExtractor } from './extractor.token';
export {
  ExtractionErrorFilter,
  extractionErrorResponse,
  type ExtractionErrorBody,
  type ToolDefinitionErrorBody,
} from './extraction-error.filter';
export { toolCallToJson, type ToolCallJson } from './tool-call.json';
// Re-exported so a Nest app can take everything it injects from one place.
export { Extractor } from '../extractor/extractor';

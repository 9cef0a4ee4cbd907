/**
 * The validation context of a tool call, for custom class-validator validators. The scope itself
 * lives in metadata/ beside the rule that reads it; the calls layer enters it.
 */
export {
  contextStorageEntered,
  getValidationContext,
  isValidatingToolCall,
  runValidationStep,
  runWithValidationContext,
} from '../metadata/tool-call.scope';

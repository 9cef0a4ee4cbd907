import { toolMetadataStorage } from '../metadata/tool-metadata.storage';

/** A tool call as JSON: the tool's name and the fields of its validated instance. */
export interface ToolCallJson {
  /** The `@Tool` name (the class name unless `@Tool({ name })` says otherwise). */
  tool: string;
  arguments: Record<string, unknown>;
}

/**
 * Puts the tool name next to a call's fields, since `JSON.stringify` of an instance loses its
 * class: what an HTTP endpoint returns for each call.
 *
 * @example
 * const calls = await extractor.extract({ messages, responseModel: [BookFlightDto, BookHotelDto] });
 * return { calls: calls.map(toolCallToJson) }; // [{ tool: 'book_flight', arguments: { ... } }, ...]
 */
export function toolCallToJson(call: object): ToolCallJson {
  const tool = toolMetadataStorage.getTool(call.constructor)?.name ?? call.constructor.name;
  return { tool, arguments: { ...(call as Record<string, unknown>) } };
}

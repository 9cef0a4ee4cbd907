type Block = Record<string, any>;

/** The text of a reply's `text` blocks, joined. */
export function contentText(content: readonly unknown[] | undefined): string {
  if (!Array.isArray(content)) return '';
  return (content as Block[])
    .filter((block) => block?.type === 'text' && typeof block.text === 'string')
    .map((block) => block.text as string)
    .join('');
}

/**
 * A streamed tool input as the object the API takes back in a re-ask: the assembled JSON when it
 * parses to an object, `{}` otherwise (the call's error is told in its `tool_result`).
 */
export function inputObject(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

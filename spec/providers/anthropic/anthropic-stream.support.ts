/** The position of a stream's first `content_block_stop` that ends a `tool_use` block. */
export function firstToolStop(events: readonly object[]): number {
  const tools = new Set<number>();
  const at = events.findIndex((raw) => {
    const e = raw as { type?: string; index?: number; content_block?: { type?: string } };
    if (e.type === 'content_block_start' && e.content_block?.type === 'tool_use') tools.add(e.index!);
    return e.type === 'content_block_stop' && tools.has(e.index!);
  });
  if (at < 0) throw new Error('the stream has no tool_use block that stops');
  return at;
}

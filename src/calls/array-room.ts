/**
 * `items` with room for at least `needed` entries, its first `count` kept: itself when it has the
 * room, else a copy sized once. For lists filled by index (`items[count++] = x`) whose final size
 * is known ahead: a pushed array of thousands of entries leaves garbage several times its size.
 *
 * @example
 * this.calls = withRoom(this.calls, this.count, this.count + more);
 */
export function withRoom<T>(items: T[], count: number, needed: number): T[] {
  if (needed <= items.length) return items;
  const sized: T[] = new Array(needed);
  for (let i = 0; i < count; i++) sized[i] = items[i];
  return sized;
}

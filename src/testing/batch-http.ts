import type { ServerResponse } from 'node:http';

/** Sends a JSON body (the batch routes' objects and errors). @internal */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** Sends a provider error that the SDKs must not retry (`x-should-retry: false`): a scripted batch fault. @internal */
export function sendError(res: ServerResponse, status: number, body: unknown): void {
  sendJson(res, status, body, { 'x-should-retry': 'false' });
}

/** JSONL text: one line each, a final newline, or '' for none. @internal */
export function joinLines(lines: string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

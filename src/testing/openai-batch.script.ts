import { joinLines } from './batch-http';

/** One line of an uploaded batch input file. */
export interface BatchInputLine {
  custom_id: string;
  method: string;
  url: string;
  body: any;
}

/**
 * How the mock answers one input line:
 * - `{ body, status? }`: an output-file line whose `response` has this body and status (200 by default; another status is an HTTP-error line);
 * - `{ error: { code, message } }`: an error-file line (OpenAI's form for expired, cancelled or rejected requests);
 * - `{ text }`: a line written verbatim (e.g. JSON that does not parse);
 * - `{ skip: true }`: no line at all (a missing result).
 * `customId` overrides the line's custom id (a result for an unknown request).
 */
export type BatchLineReply = (
  | { body: unknown; status?: number }
  | { error: { code: string; message: string } }
  | { text: string }
  | { skip: true }
) & { customId?: string };

/** Answers a batch's input line (0-based `index`): one reply, or several lines (e.g. a repeat). */
export type BatchAnswer = (line: BatchInputLine, index: number) => BatchLineReply | BatchLineReply[];

/** The script of one batch (each created batch takes the next script; the default when none is left). */
export interface OpenAIBatchScript {
  /** How many `retrieve` calls see `in_progress` (with growing counts) before the final status. Default 1. */
  polls?: number;
  /** The final status. Default `completed`. */
  status?: 'completed' | 'expired' | 'cancelled' | 'failed';
  /**
   * How many input lines run before an `expired` or `cancelled` end (default: all for completed,
   * none otherwise); the others get an error-file line `batch_expired` / `batch_cancelled`.
   */
  answered?: number;
  /** Answers each line; the routes' `answer` when left out. */
  answer?: BatchAnswer;
  /** Raw lines appended to the output file (unknown custom ids, broken JSON). */
  extraLines?: string[];
  /** An HTTP error for one step of this batch, once: its status code. */
  fault?: { on: 'create' | 'retrieve' | 'content'; status: number };
}

/** The output and error files of a finished batch. @internal */
export function batchFiles(
  lines: BatchInputLine[],
  script: OpenAIBatchScript,
  answer: BatchAnswer,
  answered: number,
): { output: string; errors: string; failed: number } {
  const output: string[] = [];
  const errors: string[] = [];
  const status = script.status ?? 'completed';
  lines.forEach((line, index) => {
    if (index >= answered) {
      const code = status === 'cancelled' ? 'batch_cancelled' : 'batch_expired';
      const message =
        code === 'batch_expired'
          ? 'This request could not be executed before the completion window expired.'
          : 'This request was not executed because the batch was cancelled.';
      errors.push(resultLine(line.custom_id, index, null, { code, message }));
      return;
    }
    const replies = answer(line, index);
    for (const reply of Array.isArray(replies) ? replies : [replies]) {
      const id = reply.customId ?? line.custom_id;
      if ('skip' in reply) continue;
      if ('text' in reply) output.push(reply.text);
      else if ('error' in reply) errors.push(resultLine(id, index, null, reply.error));
      else {
        const response = {
          status_code: reply.status ?? 200,
          request_id: `req_mock_${index + 1}`,
          body: reply.body,
        };
        output.push(resultLine(id, index, response, null));
      }
    }
  });
  output.push(...(script.extraLines ?? []));
  return { output: joinLines(output), errors: joinLines(errors), failed: errors.length };
}

function resultLine(customId: string, index: number, response: unknown, error: unknown): string {
  return JSON.stringify({ id: `batch_req_mock_${index + 1}`, custom_id: customId, response, error });
}

import { BatchRequestError } from '../errors/batch-request.error';
import type { BatchOutcome, BatchProgress } from './batch.types';

/**
 * Counts the outcomes of a batch's requests as they are judged and reports them. Lines that
 * belong to no request (an unknown customId, an unreadable line without one) are outcomes too,
 * but not of a request: they do not count.
 */
export class OutcomeCounter {
  private done = 0;
  private failed = 0;

  constructor(
    private readonly total: number,
    private readonly onProgress?: (progress: BatchProgress) => void,
  ) {}

  add(outcome: BatchOutcome<unknown>, round: number, batchId: string): void {
    if (outcome.ok) this.done++;
    else if (outcome.customId !== '' && !isStray(outcome.error)) this.failed++;
    else return;
    this.onProgress?.({
      phase: 'collecting',
      round,
      batchId,
      done: this.done,
      failed: this.failed,
      total: this.total,
    });
  }
}

function isStray(error: unknown): boolean {
  return error instanceof BatchRequestError && error.code === 'batch_result_unexpected';
}

import { ExtractionError, ParallelToolsError } from 'parallel-tools';
import type { CallSpec, Expected } from './plan';
import type { Outcome } from './slot';

/** A short name for an outcome, to count them by kind. */
export function outcomeLabel(outcome: Outcome): string {
  if ('data' in outcome) return 'instances';
  const error = outcome.error as Error;
  if (error instanceof ExtractionError) return `ExtractionError ${error.code}`;
  return `SDK ${typeOf(error)}`;
}

/**
 * What is wrong with an outcome, measured against the one its plan allows (empty when it is right):
 * the same instances in the same order, or the same error code with the valid calls kept and the
 * bad ones counted, or the SDK's own error untouched; and exactly the HTTP requests planned.
 */
export function problems(
  outcome: Outcome,
  expected: Expected,
  seen: { requests: number; pending: number },
): string[] {
  const found: string[] = [];
  const requestsOk = expected.requestsUpTo
    ? seen.requests <= expected.requests
    : seen.requests === expected.requests;
  if (!requestsOk)
    found.push(
      `${seen.requests} HTTP requests, expected ${expected.requestsUpTo ? 'at most ' : ''}${expected.requests}`,
    );
  if (seen.pending !== 0 && !expected.requestsUpTo)
    found.push(`${seen.pending} scripted replies left unused`);
  const got = outcomeLabel(outcome);
  switch (expected.kind) {
    case 'data':
      if (!('data' in outcome))
        return [...found, `${got}: ${describe(outcome)}, expected ${expected.data.length} instances`];
      if (!sameCalls(outcome.data, expected.data))
        found.push(
          `instances ${JSON.stringify(asSpecs(outcome.data))}, expected ${JSON.stringify(expected.data)}`,
        );
      return found;
    case 'extraction-error': {
      const error = 'error' in outcome ? outcome.error : undefined;
      if (!(error instanceof ExtractionError) || error.code !== expected.code) {
        return [...found, `${got}: ${describe(outcome)}, expected ExtractionError ${expected.code}`];
      }
      if (!sameCalls(error.results, expected.results))
        found.push(
          `results ${JSON.stringify(asSpecs(error.results))}, expected ${JSON.stringify(expected.results)}`,
        );
      if (error.failures.length !== expected.failures)
        found.push(`${error.failures.length} failures, expected ${expected.failures}`);
      return found;
    }
    case 'sdk-error': {
      const error = ('error' in outcome ? outcome.error : undefined) as Error | undefined;
      const right =
        error instanceof Error &&
        !(error instanceof ParallelToolsError) &&
        expected.types.includes(typeOf(error)) &&
        (expected.message?.test(error.message) ?? true);
      if (!right)
        found.push(
          `${got}: ${describe(outcome)}, expected SDK ${expected.types.join(' or ')} ${expected.message ?? ''}`,
        );
      return found;
    }
  }
}

/** The class an error was made by (SDK errors do not all set `name`). */
function typeOf(error: unknown): string {
  return (error as object | undefined)?.constructor?.name ?? typeof error;
}

function describe(outcome: Outcome): string {
  if ('data' in outcome) return `${outcome.data.length} instances`;
  return String((outcome.error as Error)?.message ?? outcome.error).slice(0, 160);
}

/** Instances back to `{ name, args }`, keys sorted, to compare with the plan. */
function asSpecs(instances: unknown[]): CallSpec[] {
  return instances.map((i) => ({
    name: (i as object).constructor.name as CallSpec['name'],
    args: sorted(i as Record<string, unknown>),
  }));
}

function sameCalls(instances: unknown[], specs: CallSpec[]): boolean {
  const want = specs.map((s) => ({ name: s.name, args: sorted(s.args) }));
  return JSON.stringify(asSpecs(instances)) === JSON.stringify(want);
}

function sorted(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

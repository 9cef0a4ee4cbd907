import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The recorded provider responses shared by the project (see its README.md); not copied into the repo. */
export const FIXTURES_DIR = path.resolve(__dirname, '../../../shared/fixtures');

/** The absolute path of one recorded fixture file. */
export function fixturePath(name: string): string {
  return path.join(FIXTURES_DIR, name);
}

/**
 * `describe` when the shared fixtures folder is present, otherwise `describe.skip` with the reason
 * logged, so that a checkout without the fixtures still runs the rest of the suite.
 */
export function describeIfFixtures(name: string, fn: () => void): void {
  if (existsSync(FIXTURES_DIR)) {
    describe(name, fn);
    return;
  }
  console.warn(`Skipping "${name}": the recorded fixtures folder ${FIXTURES_DIR} is absent.`);
  describe.skip(name, fn);
}

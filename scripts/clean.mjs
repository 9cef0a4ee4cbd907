// Removes the build outputs, so a file deleted from src/ never lingers in the packed tarball.
import { rmSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';

for (const dir of ['dist', 'dist-samples'])
  rmSync(fileURLToPath(new URL(`../${dir}`, import.meta.url)), { recursive: true, force: true });

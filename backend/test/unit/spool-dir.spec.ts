import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpoolingStorage } from '../../src/platform/attachments/evidence-upload.interceptor.js';

// Uploads are spooled to disk while they arrive (issue 15 §4). The folder must be the process's own:
// a fixed /tmp/fundsup-uploads could have been made first by another local user (review, December 2026).

it('spools into a folder of its own (mkdtemp, mode 0700, this user), never a pre-existing fixed one', () => {
  const fixed = join(tmpdir(), 'fundsup-uploads');
  const existed = existsSync(fixed);
  mkdirSync(fixed, { recursive: true });
  const dir = new SpoolingStorage().spoolDir();
  expect(dir).not.toBe(fixed);
  expect(dir.startsWith(join(tmpdir(), 'fundsup-uploads-'))).toBe(true);
  const st = statSync(dir);
  expect(st.mode & 0o777).toBe(0o700);
  expect(st.uid).toBe(process.getuid!());
  // One folder per process, shared by every upload.
  expect(new SpoolingStorage().spoolDir()).toBe(dir);
  if (!existed) rmSync(fixed, { recursive: true, force: true });
});

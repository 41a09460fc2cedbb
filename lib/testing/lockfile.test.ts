import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// package-lock.json must read the same to npm 10 (bundled with Node 20 and 22) and npm 11: npm 11
// writes `libc` on platform packages and npm 10 drops it again, so a fresh clone's `npm install`
// on Node 20/22 rewrote the tracked lockfile. Without `libc`, both leave it as it is (npm 11 then
// installs the musl builds beside the glibc ones on Linux, as npm 10 does: a few unused binaries).
// After adding a dependency with npm 11, drop the fields again:
//   npx npm@10 install --package-lock-only
const lock = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package-lock.json'), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, Record<string, unknown>>;
};

describe('package-lock.json', () => {
  it('is a version 3 lockfile that npm 10 and npm 11 both leave unchanged (no libc fields)', () => {
    expect(lock.lockfileVersion).toBe(3);
    const withLibc = Object.entries(lock.packages)
      .filter(([, entry]) => 'libc' in entry)
      .map(([name]) => name);
    expect(withLibc).toEqual([]);
  });
});

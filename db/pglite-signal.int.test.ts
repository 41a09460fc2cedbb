import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, rowsOf } from './client';

const child = path.join(process.cwd(), 'lib', 'testing', 'pglite-child.ts');
const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');

/** Runs the child on `dir`, stops it with `signal` once it is ready; the last value it took. */
async function runAndStop(dir: string, signal: NodeJS.Signals, extra: string[] = []): Promise<number> {
  const proc = spawn(tsx, [child, dir, ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const last = await new Promise<number>((resolve, reject) => {
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ready (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    proc.once('exit', (code) => reject(new Error(`child exited early (${code}): ${out}`)));
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill(signal);
  await exited;
  return last;
}

async function nextValue(dir: string): Promise<number> {
  const handle = openDb({ dataDir: dir });
  try {
    return Number(rowsOf<{ n: string }>(await handle.db.execute(sql`select nextval('numbers') as n`))[0]!.n);
  } finally {
    await handle.close();
  }
}

/** Issue 11: request numbers jumped by ~30 after a Ctrl-C restart of the demo. */
describe('embedded PGlite stopped by a signal', () => {
  const dirs: string[] = [];
  const fresh = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cairn-pglite-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`is closed cleanly on ${signal}: the sequence continues without a jump`, async () => {
      const dir = await fresh();
      const last = await runAndStop(dir, signal);
      expect(await nextValue(dir)).toBe(last + 1);
    }, 60_000);
  }

  it('without the close, the sequence jumps (what the demo did before)', async () => {
    const dir = await fresh();
    const last = await runAndStop(dir, 'SIGTERM', ['--no-close']);
    expect(await nextValue(dir)).toBeGreaterThan(last + 1);
  }, 60_000);
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPLICA_READS } from '@/db/client';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Who reads the replica: only pages and GET routes of the listed kinds, never code that writes. */
describe('getReadDb callers', () => {
  const callers = files(path.join(process.cwd(), 'app'))
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }))
    .filter(({ text }) => text.includes('getReadDb('));

  it('are the dashboard, search and export, each asking for a listed kind', () => {
    expect(callers.length).toBeGreaterThan(0);
    for (const { file, text } of callers)
      for (const [, kind] of text.matchAll(/getReadDb\('([^']+)'\)/g))
        expect(REPLICA_READS as readonly string[], `${file}: ${kind}`).toContain(kind);
  });

  it('never write: no server action, no POST/PUT/PATCH/DELETE handler reads the replica', () => {
    for (const { file, text } of callers) {
      expect(text, file).not.toMatch(/'use server'|withActor\(|export (async )?function (POST|PUT|PATCH|DELETE)/);
    }
  });
});

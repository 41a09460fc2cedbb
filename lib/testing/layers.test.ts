import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layer rules in eslint.config.mjs, each shown to fire (and the allowed imports shown not
// to) on a snippet linted as if it were a file in that folder. The imported files are real, so
// the paths resolve as they do in `npm run lint`.
const root = path.resolve(import.meta.dirname, '../..');
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'import/no-restricted-paths' || m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('layer rules', () => {
  it('components import neither app/ nor db/ (types from db/ allowed)', async () => {
    expect(
      await lint(
        'components/example.tsx',
        `import { requireActor } from '@/app/_auth/session';\nexport const x = requireActor;\n`,
      ),
    ).toEqual([expect.stringContaining('Components do not import app/')]);
    expect(
      await lint('components/example.tsx', `import { getDb } from '@/db/client';\nexport const x = getDb;\n`),
    ).toEqual([expect.stringContaining('Components do not import db/')]);
    expect(
      await lint(
        'components/example.tsx',
        `import { statusEnum } from '../db/schema';\nexport const x = statusEnum;\n`,
      ),
    ).toEqual([expect.stringContaining('Components do not import db/')]);
    expect(
      await lint('components/example.tsx', `import type { Status } from '@/db/schema';\nexport type X = Status;\n`),
    ).toEqual([]);
    expect(
      await lint(
        'components/example.tsx',
        `import { formatNumber } from '@/components/format';\nexport const x = formatNumber;\n`,
      ),
    ).toEqual([]);
  });

  it('lib/ imports neither app/, components/, Next.js nor React', async () => {
    expect(
      await lint(
        'lib/example.ts',
        `import { requireActor } from '@/app/_auth/session';\nexport const x = requireActor;\n`,
      ),
    ).toEqual([expect.stringContaining('lib/ does not import app/')]);
    expect(
      await lint(
        'lib/example.ts',
        `import { formatNumber } from '../components/format';\nexport const x = formatNumber;\n`,
      ),
    ).toEqual([expect.stringContaining('lib/ does not import components/')]);
    for (const pkg of ['next/navigation', 'next', 'react', 'react-dom/server', 'next-auth']) {
      expect(await lint('lib/example.ts', `import * as m from '${pkg}';\nexport const x = m;\n`)).toEqual([
        expect.stringContaining('no Next.js or React here'),
      ]);
    }
    expect(
      await lint(
        'lib/example.ts',
        `import { sql } from 'drizzle-orm';\nimport { getDb } from '@/db/client';\nexport const x = [sql, getDb];\n`,
      ),
    ).toEqual([]);
  });

  it('db/ does not import lib/', async () => {
    expect(await lint('db/example.ts', `import { fail } from '@/lib/core/result';\nexport const x = fail;\n`)).toEqual([
      expect.stringContaining('db/ does not import lib/'),
    ]);
    expect(await lint('db/example.ts', `import { tickets } from './schema';\nexport const x = tickets;\n`)).toEqual([]);
  });
}, 60_000);

import { spawnSync } from 'node:child_process';
import postgres from 'postgres';

/**
 * `npm test`: every check in order — typecheck, lint, unit, integration on PostgreSQL, production
 * build, Playwright e2e in Chromium. Uses DATABASE_URL when set (CI makes a fresh database);
 * otherwise creates a throw-away database on the local server and drops it afterwards.
 */
const ADMIN_URL = process.env.CAIRN_TEST_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function withAdmin(body: (sql: postgres.Sql) => Promise<unknown>): Promise<void> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await body(admin);
  } finally {
    await admin.end();
  }
}

let databaseUrl = process.env.DATABASE_URL;
let dropAfter: string | null = null;
if (!databaseUrl) {
  const name = `cairn_test_${process.pid}_${Date.now()}`;
  try {
    await withAdmin((sql) => sql.unsafe(`create database "${name}"`));
  } catch (error) {
    console.error(
      `\nThe tests need PostgreSQL. Could not create a database through ${ADMIN_URL.replace(/:[^:@/]+@/, ':***@')}:\n  ${(error as Error).message}\n` +
        'Start PostgreSQL, or set DATABASE_URL to an empty database, or CAIRN_TEST_ADMIN_URL to a role that may create databases.\n',
    );
    process.exit(1);
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  dropAfter = name;
  console.log(`using a throw-away database: ${name}`);
}

async function dropDatabase(): Promise<void> {
  if (!dropAfter) return;
  const name = dropAfter;
  dropAfter = null;
  await withAdmin((sql) => sql.unsafe(`drop database if exists "${name}" with (force)`)).catch((e: Error) =>
    console.error(`could not drop ${name}: ${e.message}`),
  );
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void dropDatabase().finally(() => process.exit(130)));
}

const env = { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: '1' };
const steps: [string, string[]][] = [
  ['typecheck', ['run', 'typecheck']],
  ['lint', ['run', 'lint']],
  ['unit', ['run', 'test:unit']],
  ['integration', ['run', 'test:integration']],
  ['build', ['run', 'build']],
  ['e2e', ['run', 'test:e2e']],
];

let failed: string | null = null;
const timings: string[] = [];
try {
  for (const [name, args] of steps) {
    const started = Date.now();
    console.log(`\n▶ ${name}`);
    const result = spawnSync('npm', args, { stdio: 'inherit', env });
    timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)}s`);
    if (result.status !== 0) {
      failed = name;
      break;
    }
  }
} finally {
  await dropDatabase();
}

console.log(`\n${timings.join(' · ')}`);
if (failed) {
  console.error(`✗ ${failed} failed`);
  process.exit(1);
}
console.log('✓ all checks passed');

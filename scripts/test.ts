import { spawnSync } from 'node:child_process';
import postgres from 'postgres';

/**
 * `npm test`: every check in order — typecheck, lint, unit, integration on PostgreSQL, production
 * build, Playwright e2e in Chromium. Uses DATABASE_URL when set (CI makes a fresh database);
 * otherwise creates a throw-away database on the local server and drops it afterwards.
 */
const ADMIN_URL = process.env.CAIRN_TEST_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let databaseUrl = process.env.DATABASE_URL;
let dropAfter: string | null = null;
if (!databaseUrl) {
  const name = `cairn_test_${process.pid}_${Date.now()}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  dropAfter = name;
  console.log(`using a throw-away database: ${name}`);
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

if (dropAfter) {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${dropAfter}" with (force)`);
  await admin.end();
}
console.log(`\n${timings.join(' · ')}`);
if (failed) {
  console.error(`✗ ${failed} failed`);
  process.exit(1);
}
console.log('✓ all checks passed');

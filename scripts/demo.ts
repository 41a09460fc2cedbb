import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDb, rowsOf } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { installJobs } from '@/lib/jobs/runner';
import { seedDemo } from '@/lib/seed/demo';

/**
 * `npm run demo`: migrate and seed (once) the embedded database in ./.data — or PostgreSQL when
 * DATABASE_URL is set — then build and serve Cairn on PORT (default 3000).
 * `npm run demo -- --reset` reseeds; `--no-build` serves the last build.
 */
const args = new Set(process.argv.slice(2));
const port = process.env.PORT ?? '3000';
const dataDir = path.join(process.cwd(), '.data');
mkdirSync(dataDir, { recursive: true });

// A signing secret for sessions: from the environment, else made once and kept in .data.
const secretFile = path.join(dataDir, 'nextauth-secret');
if (!process.env.NEXTAUTH_SECRET && !existsSync(secretFile))
  writeFileSync(secretFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
const secret = process.env.NEXTAUTH_SECRET ?? readFileSync(secretFile, 'utf8').trim();
// The bearer secret of POST /api/inbound/email (e-mail in), kept the same way and printed below.
const inboundFile = path.join(dataDir, 'inbound-email-secret');
if (!process.env.INBOUND_EMAIL_SECRET && !existsSync(inboundFile))
  writeFileSync(inboundFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
const inboundSecret = process.env.INBOUND_EMAIL_SECRET ?? readFileSync(inboundFile, 'utf8').trim();

const handle = openDb({ max: 1, direct: true });
console.log(
  `database: ${handle.kind === 'pglite' ? `embedded PGlite in ${path.relative(process.cwd(), dataDir)}/` : 'PostgreSQL (DATABASE_URL)'}`,
);
const step = (what: string) => console.log(`- ${what}`);
step('migrating the database…');
await runMigrations(handle);
await installJobs(handle);
const [row] = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from users`));
if (args.has('--reset') || !row || Number(row.n) === 0) {
  step('seeding the demo data (a few seconds)…');
  const summary = await seedDemo(handle.db);
  console.log(`  seeded: ${summary.tickets} tickets, ${summary.customers} customers, ${summary.exceptions} exceptions`);
} else {
  console.log('- database already seeded (npm run demo -- --reset to start over)');
}
// PGlite allows one process: let go before the server opens it.
await handle.close();

const env = {
  ...process.env,
  NEXTAUTH_SECRET: secret,
  INBOUND_EMAIL_SECRET: inboundSecret,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: '1',
};
const next = path.join(process.cwd(), 'node_modules', '.bin', 'next');
if (!args.has('--no-build')) {
  step(
    'building the app (next build: about a minute the first time; npm run demo -- --no-build serves the last build)…',
  );
  const started = Date.now();
  const build = spawnSync(next, ['build'], { stdio: 'inherit', env });
  if (build.status !== 0) process.exit(build.status ?? 1);
  console.log(`  built in ${Math.round((Date.now() - started) / 1000)} s`);
}
step('starting the server…');
console.log(`
Cairn: http://localhost:${port}
Sign in with one of the demo accounts, password "cairn-demo":
  admin@demo.test     administrator
  lead@demo.test      team lead
  agent@demo.test     agent
  agent2@demo.test    a second agent
  customer@demo.test  customer (the portal)
E-mail in: post a raw message to open or answer a request, e.g.
  curl -H 'Authorization: Bearer ${inboundSecret}' -H 'Content-Type: message/rfc822' \\
       --data-binary @lib/mail/inbound/fixtures/plain.eml http://localhost:${port}/api/inbound/email
Ctrl-C stops it.
`);
const server = spawn(next, ['start', '-p', port], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));

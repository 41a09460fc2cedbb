import { parseArgs } from 'node:util';
import { openDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { createAdmin } from '@/lib/admin/create-admin';

/**
 * `npm run admin:create -- --email ada@example.com --name "Ada Lovelace" [--password …]`
 *
 * Migrates first (under the migration lock), then makes the address an admin: with --password the
 * login exists at once; without it a one-time invitation link is printed (open it to choose the
 * password; it expires in 7 days). An existing staff address is promoted to an active admin; a
 * portal login's address is refused. Exit code 0 on success, 1 on a refusal, 2 on bad arguments.
 */
const usage = 'Usage: npm run admin:create -- --email you@example.com --name "Your Name" [--password …]';
let values: { email?: string; name?: string; password?: string };
try {
  ({ values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
  }));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error(usage);
  process.exit(2);
}
if (!values.email || !values.name) {
  console.error(usage);
  process.exit(2);
}

const handle = openDb({ max: 1, direct: true });
let code = 0;
try {
  await runMigrations(handle);
  const result = await createAdmin(handle.db, values);
  if (!result.ok) {
    console.error(result.message);
    for (const [field, messages] of Object.entries(result.fieldErrors ?? {}))
      console.error(`  --${field}: ${messages.join(' ')}`);
    code = 1;
  } else {
    const outcome = result.data;
    if (outcome.kind === 'created') console.log(`Admin ${outcome.email} created. Sign in at /signin.`);
    else if (outcome.kind === 'promoted') console.log(`${outcome.email} was ${outcome.from}; now an active admin.`);
    else if (outcome.kind === 'unchanged') console.log(`${outcome.email} is already an active admin. Nothing changed.`);
    else
      console.log(
        `Invitation for ${outcome.email} (admin). Open this link once, before ${outcome.expiresAt.toISOString()}, to choose a password:\n${outcome.link}`,
      );
  }
} finally {
  await handle.close();
}
process.exit(code);

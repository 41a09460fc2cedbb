import postgres from 'postgres';

/**
 * The newest mail queued to an address, read straight from the `outbox` table. A stand-in until
 * the /admin/outbox page (built alongside) is merged: then the journey reads it there instead.
 * Needs DATABASE_URL (the PostgreSQL e2e run).
 */
export async function newestMailTo(address: string): Promise<{ subject: string; body: string }> {
  if (!process.env.DATABASE_URL) throw new Error('reading the outbox needs DATABASE_URL');
  const sql = postgres(process.env.DATABASE_URL, { max: 1 });
  try {
    const rows = await sql<{ subject: string; body: string }[]>`
      select subject, body from outbox where to_address = ${address} order by created_at desc limit 1`;
    if (!rows[0]) throw new Error(`no mail to ${address}`);
    return rows[0];
  } finally {
    await sql.end();
  }
}

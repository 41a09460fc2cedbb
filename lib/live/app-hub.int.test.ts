import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLiveHub, postgresListen } from '@/lib/live/app-hub';
import { TICKET_CHANNEL } from '@/lib/live/channels';
import type { LiveMessage } from '@/lib/live/hub';
import { startPrivatePostgres, type PrivatePostgres } from '@/lib/testing/private-postgres';

/**
 * The hub's LISTEN connection when the server is out of reach at start: one hub and one
 * connection per instance, however many requests ask for it during the outage.
 */
describe('the live hub started during an outage', () => {
  let server: PrivatePostgres;
  let admin: postgres.Sql;
  const appUrl = process.env.DATABASE_URL;
  const listeners = async () =>
    (await admin`select count(*)::int as n from pg_stat_activity where query like 'listen %'`)[0]!.n;

  beforeAll(async () => {
    server = await startPrivatePostgres();
    admin = postgres(server.url, { max: 1, onnotice: () => {} });
    await admin`select 1`;
  }, 60_000);
  afterAll(async () => {
    process.env.DATABASE_URL = appUrl;
    await admin?.end();
    await server?.destroy();
  });

  it('a listen during a retry window does not open a second connection', async () => {
    const connection = postgresListen(server.url, { retryMs: [1500] });
    const got: string[] = [];
    try {
      const others = (await admin`select count(*)::int as n from pg_stat_activity where query like 'listen %'`)[0]!.n;
      await connection.listen('cairn_hub_a', (p) => got.push(p));
      await expect.poll(listeners).toBe(others + 1);
      // Cut this connection: a retry is scheduled 1.5 s later; a listen in between waits for it.
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where query like 'listen "cairn_hub_a"'`;
      await expect.poll(listeners).toBe(others);
      await connection.listen('cairn_hub_b', (p) => got.push(p));
      await expect.poll(listeners, { timeout: 5_000 }).toBe(others + 1);
      await new Promise((r) => setTimeout(r, 2000)); // past the retry: still one connection
      expect(await listeners()).toBe(others + 1);
      await admin`select pg_notify('cairn_hub_a', 'a'), pg_notify('cairn_hub_b', 'b')`;
      await expect.poll(() => got.length).toBe(2);
      await new Promise((r) => setTimeout(r, 200));
      expect(got.sort()).toEqual(['a', 'b']);
    } finally {
      await connection.close();
    }
  }, 30_000);

  it('keeps one hub and one LISTEN connection, and delivers each change once when the server is back', async () => {
    await admin.end();
    await server.stop();
    process.env.DATABASE_URL = server.url;
    const hubs = [];
    for (let i = 0; i < 5; i++) hubs.push(await getLiveHub()); // before: each call failed and made a new listener
    expect(new Set(hubs).size).toBe(1);
    const heard: LiveMessage[] = [];
    hubs[0]!.subscribe((m) => heard.push(m));

    await server.start();
    admin = postgres(server.url, { max: 1, onnotice: () => {} });
    await expect.poll(listeners, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => heard.some((m) => m.kind === 'resync'), { timeout: 5_000 }).toBe(true);

    await admin`select pg_notify(${TICKET_CHANNEL}, ${JSON.stringify({ number: 7 })})`;
    await expect.poll(() => heard.filter((m) => m.kind === 'ticket').length).toBe(1);
    // Past the longest retry interval: no second connection turned up, nothing was heard twice.
    await new Promise((r) => setTimeout(r, 5500));
    expect(await listeners()).toBe(1);
    expect(heard.filter((m) => m.kind === 'ticket').length).toBe(1);
    await hubs[0]!.stop();
  }, 60_000);
});

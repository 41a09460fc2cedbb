import type { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { getDb, POSTGRES_TIMEOUTS } from '@/db/client';
import { LiveHub, type Listen } from './hub';

/**
 * LISTEN on PostgreSQL through a dedicated connection that is re-established, with every channel,
 * whenever it drops (a restart, a failover, a network cut): the driver's own `listen` re-listens
 * once and silently gives up if the server is not back yet, which left an instance deaf to
 * changes until it was restarted. Notifications sent while the connection was down are lost, so
 * `onReconnect` is called after each recovery (the hub tells every browser to refetch).
 */
export function postgresListen(
  url: string,
  {
    onReconnect,
    retryMs = [100, 250, 500, 1000, 2000, 5000],
  }: { onReconnect?: () => void; retryMs?: readonly number[] } = {},
): { listen: Listen; close: () => Promise<void> } {
  const handlers = new Map<string, (payload: string) => void>();
  let client: postgres.Sql | null = null;
  let connecting: Promise<void> | null = null;
  let failures = 0;
  let everConnected = false;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const quote = (channel: string) => `"${channel.replace(/"/g, '""')}"`;
  const drop = (sql: postgres.Sql) => {
    if (client !== sql) return;
    client = null;
    void sql.end({ timeout: 0 }).catch(() => undefined);
    if (closed || retry) return;
    const wait = retryMs[Math.min(failures++, retryMs.length - 1)] ?? 1000;
    retry = setTimeout(() => {
      retry = null;
      void connect().catch(() => undefined);
    }, wait);
  };
  const connect = (): Promise<void> =>
    (connecting ??= (async () => {
      const options = {
        max: 1,
        onnotice: () => {},
        fetch_types: false,
        idle_timeout: 0,
        max_lifetime: null,
        connect_timeout: POSTGRES_TIMEOUTS.connect_timeout,
        backoff: POSTGRES_TIMEOUTS.backoff,
        // Supported by the driver (its own `listen` uses it) though missing from its types.
        onnotify: (channel: string, payload: string) => handlers.get(channel)?.(payload),
        onclose: () => drop(sql),
      };
      const sql: postgres.Sql = postgres(url, options as postgres.Options<{}>);
      client = sql;
      try {
        for (const channel of handlers.keys()) await sql.unsafe(`listen ${quote(channel)}`);
      } catch (error) {
        drop(sql);
        throw error;
      }
      if (everConnected && failures > 0) onReconnect?.();
      everConnected = true;
      failures = 0;
    })().finally(() => {
      connecting = null;
    }));

  return {
    listen: async (channel, onPayload) => {
      handlers.set(channel, onPayload);
      if (client && !connecting) await client.unsafe(`listen ${quote(channel)}`);
      else await connect();
      return async () => {
        handlers.delete(channel);
        await client?.unsafe(`unlisten ${quote(channel)}`).catch(() => undefined);
      };
    },
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      const sql = client;
      client = null;
      await sql?.end({ timeout: 1 });
    },
  };
}

/** LISTEN on the embedded PGlite the app already has open (one process, one database). */
function pgliteListen(): Listen {
  const client = (getDb() as unknown as { $client: PGlite }).$client;
  return async (channel, onPayload) => {
    const off = await client.listen(channel, onPayload);
    return () => off();
  };
}

const globalForHub = globalThis as unknown as { cairnHub?: Promise<LiveHub> };

/** This instance's hub, started on first use. */
export function getLiveHub(): Promise<LiveHub> {
  globalForHub.cairnHub ??= (async () => {
    const hub = new LiveHub();
    const url = process.env.DATABASE_URL;
    await hub.start(url ? postgresListen(url, { onReconnect: () => hub.resync() }).listen : pgliteListen());
    return hub;
  })().catch((error: unknown) => {
    globalForHub.cairnHub = undefined; // try again on the next request
    throw error;
  });
  return globalForHub.cairnHub;
}

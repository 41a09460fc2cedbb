import type { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { databaseUrls, getDb, POSTGRES_TIMEOUTS } from '@/db/client';
import { LiveHub, type Listen } from './hub';

/**
 * LISTEN on PostgreSQL through a dedicated connection that is re-established, with every channel,
 * whenever it drops (a restart, a failover, a network cut): the driver's own `listen` re-listens
 * once and silently gives up if the server is not back yet, which left an instance deaf to
 * changes until it was restarted. Notifications sent while the connection was down are lost, so
 * `onReconnect` is called after each recovery (the hub tells every browser to refetch).
 *
 * `listen` never fails because the server is out of reach: the channel is remembered and
 * listened to as soon as the connection is (re-)established, so a hub started during an outage
 * works once the server is back. There is at most one connection at a time: a `listen` while a
 * retry is scheduled waits for that retry instead of opening a second client (which would deliver
 * every notification twice and keep a connection nobody closes).
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
      if (closed || client) return;
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
      if (closed) {
        client = null;
        await sql.end({ timeout: 0 }).catch(() => undefined);
        return;
      }
      // Back after failures (a restart, or a start during an outage): changes may have been missed.
      if (failures > 0) onReconnect?.();
      failures = 0;
    })().finally(() => {
      connecting = null;
    }));

  return {
    listen: async (channel, onPayload) => {
      handlers.set(channel, onPayload);
      if (connecting) await connecting.catch(() => undefined);
      else if (!client && !retry) await connect().catch(() => undefined); // failed: `drop` scheduled a retry
      // LISTEN twice is harmless; a failure here closes the connection, and the next one listens to all.
      if (client && !connecting) await client.unsafe(`listen ${quote(channel)}`).catch(() => undefined);
      return async () => {
        handlers.delete(channel);
        await client?.unsafe(`unlisten ${quote(channel)}`).catch(() => undefined);
      };
    },
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      retry = null;
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

/**
 * This instance's hub, started on first use. One per instance, even when the database is out of
 * reach at that moment: its listener keeps trying and the hub works once the server is back
 * (a hub per failed start would each keep a listener retrying, then holding a connection, for
 * nobody). Should starting fail anyway, its listener is closed before the next request tries again.
 */
export function getLiveHub(): Promise<LiveHub> {
  globalForHub.cairnHub ??= (async () => {
    const hub = new LiveHub();
    // LISTEN holds a session: straight to PostgreSQL, never through a transaction pooler.
    const url = databaseUrls().direct;
    if (!url) {
      await hub.start(pgliteListen());
      return hub;
    }
    const listener = postgresListen(url, { onReconnect: () => hub.resync() });
    try {
      await hub.start(listener.listen);
    } catch (error) {
      await listener.close().catch(() => undefined);
      throw error;
    }
    return hub;
  })().catch((error: unknown) => {
    globalForHub.cairnHub = undefined; // try again on the next request
    throw error;
  });
  return globalForHub.cairnHub;
}

import type { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { getDb } from '@/db/client';
import { LiveHub, type Listen } from './hub';

/** LISTEN on PostgreSQL through a dedicated connection (postgres re-listens after reconnects). */
export function postgresListen(url: string): { listen: Listen; close: () => Promise<void> } {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  return {
    listen: async (channel, onPayload) => {
      const { unlisten } = await client.listen(channel, onPayload);
      return unlisten;
    },
    close: () => client.end({ timeout: 1 }),
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
    await hub.start(url ? postgresListen(url).listen : pgliteListen());
    return hub;
  })().catch((error: unknown) => {
    globalForHub.cairnHub = undefined; // try again on the next request
    throw error;
  });
  return globalForHub.cairnHub;
}

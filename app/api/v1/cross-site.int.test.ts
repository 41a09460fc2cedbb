import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as markReadRoute } from './notifications/route';
import { DELETE as unstageRoute } from './portal/uploads/route';
import { POST as createRoute } from './tickets/route';
import { getDb } from '@/db/client';
import { tickets } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { makeStaff, must } from '@/lib/testing/fixtures';
import { apiRoute } from '@/lib/api/handler';
import { createTicket, listTickets } from '@/lib/api/resources/tickets';
import { apiCreateTicket, apiListTickets } from '@/lib/api/tickets';
import { createApiToken } from '@/lib/api/tokens';

/**
 * The Origin check (lib/security/origin.ts) in front of real routes on PostgreSQL: a signed-in
 * browser's write from another site is refused before anything runs; the same origin, a bearer
 * token and a non-browser client without Origin go through.
 */
const db = getDb();
const BASE = 'http://localhost:3210/api/v1';
const COOKIE = 'next-auth.session-token=session';
const noParams = { params: Promise.resolve({}) };
let agent: Actor;
let token: string;

/** POST /tickets as the tickets route does it, with the agent's session standing in for the cookie's. */
const create = apiRoute(createTicket, { sessionActor: async () => agent }, ({ db, actor, body }) =>
  apiCreateTicket(db, actor, body, null),
);
const list = apiRoute(listTickets, { sessionActor: async () => agent }, ({ db, actor, query }) =>
  apiListTickets(db, actor, query),
);

function post(headers: Record<string, string>, subject: string): Request {
  return new Request(`${BASE}/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      channel: 'email',
      customerName: 'Ada Origin',
      customerEmail: `ada-${randomUUID().slice(0, 8)}@test.example`,
      subject,
      description: 'Origin check.',
    }),
  });
}
async function created(subject: string): Promise<number> {
  return (await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.subject, subject))).length;
}

beforeAll(async () => {
  agent = await makeStaff(db, 'agent');
  token = must(await createApiToken(db, agent, { name: 'origin', scope: 'write' })).token;
});

describe('cross-site requests to /api/v1', () => {
  it('refuses a cookie-authenticated write from another site with 403 cross_site; nothing is created', async () => {
    for (const headers of <Record<string, string>[]>[
      { cookie: COOKIE, origin: 'https://evil.example' },
      { cookie: COOKIE, 'sec-fetch-site': 'cross-site' },
    ]) {
      const subject = `Cross-site ${randomUUID()}`;
      for (const handler of [create, createRoute]) {
        const response = await handler(post(headers, subject), noParams);
        expect(response.status).toBe(403);
        expect(await response.json()).toMatchObject({ error: 'cross_site' });
      }
      expect(await created(subject)).toBe(0);
    }
    // The cookie-only route handlers (withApiWriter) and the portal's uploads refuse the same way.
    const foreign = { cookie: COOKIE, origin: 'https://evil.example', 'content-type': 'application/json' };
    const mark = await markReadRoute(
      new Request(`${BASE}/notifications`, { method: 'POST', headers: foreign, body: '{"all":true}' }),
    );
    expect(mark.status).toBe(403);
    const unstage = await unstageRoute(
      new Request(`${BASE}/portal/uploads?formKey=k&id=${randomUUID()}`, { method: 'DELETE', headers: foreign }),
    );
    expect(unstage.status).toBe(403);
    expect(await unstage.json()).toMatchObject({ error: 'cross_site' });
  });

  it('lets the same origin, a missing Origin and a bearer token through; reads are not its business', async () => {
    const same = `Same-origin ${randomUUID()}`;
    expect(
      (
        await create(
          post({ cookie: COOKIE, origin: 'http://localhost:3210', 'sec-fetch-site': 'same-origin' }, same),
          noParams,
        )
      ).status,
    ).toBe(201);
    const script = `No-origin ${randomUUID()}`;
    expect((await create(post({ cookie: COOKIE }, script), noParams)).status).toBe(201);
    const bearer = `Bearer ${randomUUID()}`;
    const viaToken = await createRoute(
      post({ authorization: `Bearer ${token}`, cookie: COOKIE, origin: 'https://evil.example' }, bearer),
      noParams,
    );
    expect(viaToken.status).toBe(201);
    expect([await created(same), await created(script), await created(bearer)]).toEqual([1, 1, 1]);

    const read = await list(
      new Request(`${BASE}/tickets?limit=1`, { headers: { cookie: COOKIE, origin: 'https://evil.example' } }),
      noParams,
    );
    expect(read.status).toBe(200);
  });
});

import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { apiTokens, auditLog, rateLimits, tickets, users } from '@/db/schema';
import { apiRoute } from '@/lib/api/handler';
import { listTickets } from '@/lib/api/resources/tickets';
import { authenticateToken, createApiToken, hashToken, listApiTokens, revokeApiToken } from '@/lib/api/tokens';
import type { Actor } from '@/lib/auth/actor';
import { LIMITS } from '@/lib/rate-limit/rate-limit';
import { makeCustomer, makeStaff, makeTeamAndCategory, must } from '@/lib/testing/fixtures';
import { GET as getTicketRoute, PATCH as patchTicketRoute } from './tickets/[number]/route';
import { POST as mergeRoute } from './tickets/[number]/merge/route';
import { GET as messagesRoute, POST as replyRoute } from './tickets/[number]/messages/route';
import { POST as noteRoute } from './tickets/[number]/notes/route';
import { POST as resolveRoute } from './tickets/[number]/resolve/route';
import { GET as timelineRoute } from './tickets/[number]/timeline/route';
import { GET as listRoute, POST as createRoute } from './tickets/route';

const db = getDb();
const BASE = 'http://localhost/api/v1';

type Init = { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> };
function req(method: string, path: string, init: Init = {}): Request {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  return new Request(`${BASE}${path}`, { method, headers, body });
}
const noParams = { params: Promise.resolve({}) };
const at = (number: number) => ({ params: Promise.resolve({ number: String(number) }) });

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

let admin: Actor;
let agent: Actor;
let lead: Actor;
let customer: Actor;
let categoryId: string;
let write: string; // the agent's write token
let read: string; // the agent's read token

async function tokenFor(actor: Actor, scope: 'read' | 'write' | 'admin', owner?: Actor): Promise<string> {
  return must(await createApiToken(db, actor, { name: `t-${scope}`, scope, userId: owner?.userId })).token;
}

const contact = (
  subject = `API ${randomUUID().slice(0, 8)}`,
  email = `ada-${randomUUID().slice(0, 8)}@test.example`,
) => ({
  channel: 'email',
  customerName: 'Ada API',
  customerEmail: email,
  subject,
  description: 'Created through the public API.',
});

async function createTicket(token = write, email?: string): Promise<number> {
  const response = await createRoute(req('POST', '/tickets', { token, body: contact(undefined, email) }), noParams);
  expect(response.status).toBe(201);
  return ((await json(response)).ticket as { number: number }).number;
}

beforeAll(async () => {
  admin = await makeStaff(db, 'admin');
  ({ categoryId } = await makeTeamAndCategory(db));
  agent = await makeStaff(db, 'agent');
  lead = await makeStaff(db, 'lead');
  customer = await makeCustomer(db);
  write = await tokenFor(agent, 'write');
  read = await tokenFor(agent, 'read');
});
afterAll(async () => {
  await db.delete(rateLimits).where(sql`${rateLimits.key} like 'api:token:%'`);
});

describe('API tokens', () => {
  it('are shown once, stored hashed with a recognisable prefix, and audited', async () => {
    const { token, row } = must(await createApiToken(db, admin, { name: 'CI', scope: 'write', userId: agent.userId }));
    expect(token).toMatch(/^cairn_[A-Za-z0-9_-]{43}$/);
    const [stored] = await db.select().from(apiTokens).where(eq(apiTokens.id, row.id));
    expect(stored?.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token.slice(6));
    expect(stored?.expiresAt && stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(89 * 86_400_000);
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, row.id));
    expect(audits.map((a) => a.action)).toEqual(['api_token.created']);
    expect((await listApiTokens(db, agent)).map((t) => t.id)).toContain(row.id);
    expect(JSON.stringify(await listApiTokens(db, admin, { all: true }))).not.toContain(token);
  });

  it('staff make their own within their role; only admins make them for others; customers none', async () => {
    expect(must(await createApiToken(db, lead, { name: 'mine', scope: 'write' })).row.userId).toBe(lead.userId);
    const forOther = await createApiToken(db, agent, { name: 'x', scope: 'read', userId: lead.userId });
    expect(forOther.ok ? 'ok' : forOther.code).toBe('forbidden');
    const tooWide = await createApiToken(db, agent, { name: 'x', scope: 'admin' });
    expect(tooWide.ok ? 'ok' : tooWide.fieldErrors).toEqual({ scope: [expect.stringContaining('at most the write')] });
    const adminForAgent = await createApiToken(db, admin, { name: 'x', scope: 'admin', userId: agent.userId });
    expect(adminForAgent.ok).toBe(false);
    const mine = await createApiToken(db, customer, { name: 'x', scope: 'read' });
    expect(mine.ok ? 'ok' : mine.code).toBe('forbidden');
    const bad = await createApiToken(db, agent, { name: '', scope: 'root', expiresInDays: 9999 });
    expect(bad.ok ? [] : Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(['expiresInDays', 'name', 'scope']);
  });

  it('work as Bearer; unknown, revoked and expired tokens are 401 JSON; last use is recorded', async () => {
    const ok = await listRoute(req('GET', '/tickets', { token: write }), noParams);
    expect(ok.status).toBe(200);
    const { id } = await tokenRow(write);
    const [used] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(used?.lastUsedAt).not.toBeNull();

    for (const header of ['Bearer cairn_nope', 'Basic abc', 'Bearer']) {
      const response = await listRoute(req('GET', '/tickets', { headers: { authorization: header } }), noParams);
      expect(response.status).toBe(401);
      expect(await json(response)).toMatchObject({ error: 'unauthorized' });
    }

    const revocable = await tokenFor(agent, 'read');
    const row = await tokenRow(revocable);
    expect((await revokeApiToken(db, lead, { id: row.id })).ok).toBe(false); // not theirs: not found
    expect(must(await revokeApiToken(db, agent, { id: row.id }))).toEqual({ revoked: true });
    expect((await listRoute(req('GET', '/tickets', { token: revocable }), noParams)).status).toBe(401);
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, row.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['api_token.created', 'api_token.revoked']);

    const expiring = await tokenFor(agent, 'read');
    await db
      .update(apiTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(apiTokens.tokenHash, hashToken(expiring)));
    expect((await listRoute(req('GET', '/tickets', { token: expiring }), noParams)).status).toBe(401);
  });

  it("stop working when the owner is deactivated, and never exceed the owner's current role", async () => {
    const person = await makeStaff(db, 'admin');
    const token = await tokenFor(admin, 'admin', person);
    expect((await authenticateToken(db, token))?.scope).toBe('admin');
    await db.update(users).set({ role: 'agent' }).where(eq(users.id, person.userId));
    const demoted = await authenticateToken(db, token);
    expect(demoted).toMatchObject({ scope: 'write', actor: { role: 'agent' } });
    await db.update(users).set({ active: false }).where(eq(users.id, person.userId));
    expect(await authenticateToken(db, token)).toBeNull();
    expect((await listRoute(req('GET', '/tickets', { token }), noParams)).status).toBe(401);
  });

  it('a read token reads but cannot write (403 insufficient_scope)', async () => {
    expect((await listRoute(req('GET', '/tickets', { token: read }), noParams)).status).toBe(200);
    const refused = await createRoute(req('POST', '/tickets', { token: read, body: contact() }), noParams);
    expect(refused.status).toBe(403);
    expect(await json(refused)).toMatchObject({ error: 'insufficient_scope' });
  });

  it('without a token or session: 401 with WWW-Authenticate', async () => {
    const handler = apiRoute(listTickets, { sessionActor: async () => null }, async () => ({ status: 200, body: {} }));
    const response = await handler(req('GET', '/tickets'), noParams);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    const asCustomer = apiRoute(listTickets, { sessionActor: async () => customer }, async () => ({
      status: 200,
      body: {},
    }));
    expect((await asCustomer(req('GET', '/tickets'), noParams)).status).toBe(404);
  });
});

async function tokenRow(token: string) {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hashToken(token)));
  if (!row) throw new Error('no token row');
  return row;
}

describe('the route wrapper', () => {
  it('bad JSON, a wrong media type, NUL bytes and oversized bodies are 4xx JSON, never 500', async () => {
    const cases: [Init, number, string][] = [
      [{ raw: '{"subject":', headers: { 'content-type': 'application/json' } }, 400, 'invalid'],
      [
        { raw: 'subject=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        415,
        'unsupported_media_type',
      ],
      [{ body: { ...contact(), subject: 'nul\u0000byte' } }, 400, 'invalid'],
      [{ raw: `{"x":"${'a'.repeat(300_000)}"}`, headers: { 'content-type': 'application/json' } }, 413, 'too_large'],
      [{ body: [1, 2] }, 400, 'invalid'],
    ];
    for (const [init, status, code] of cases) {
      const response = await createRoute(req('POST', '/tickets', { token: write, ...init }), noParams);
      expect(response.status, code).toBe(status);
      expect(await json(response)).toMatchObject({ error: code });
    }
    const nul = await createRoute(
      req('POST', '/tickets', { token: write, body: { ...contact(), subject: 'a\u0000' } }),
      noParams,
    );
    expect((await json(nul)).fieldErrors).toHaveProperty('subject');
    expect((await getTicketRoute(req('GET', '/tickets/%00', { token: write }), at(0))).status).toBe(404);
    expect(
      (await getTicketRoute(req('GET', '/tickets/99999999999', { token: write }), at(99_999_999_999))).status,
    ).toBe(404);
    const badQuery = await listRoute(req('GET', '/tickets?status=nonsense&limit=1000', { token: write }), noParams);
    expect(badQuery.status).toBe(400);
    expect(Object.keys((await json(badQuery)).fieldErrors as object).sort()).toEqual(['limit', 'status.0']);
  });

  it('429 with Retry-After once a token passes the per-token limit', async () => {
    const token = await tokenFor(agent, 'read');
    const row = await tokenRow(token);
    await db
      .insert(rateLimits)
      .values({ key: `${LIMITS.apiToken.name}:${row.id}`, hits: LIMITS.apiToken.max, windowStart: new Date() });
    const response = await listRoute(req('GET', '/tickets', { token }), noParams);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await json(response)).toMatchObject({ error: 'rate_limited' });
    // Another token of the same owner has its own budget.
    expect((await listRoute(req('GET', '/tickets', { token: read }), noParams)).status).toBe(200);
  });
});

describe('Idempotency-Key', () => {
  it('the same key and body gives the same answer and one ticket; another body with the key is 422', async () => {
    const key = randomUUID();
    const body = contact();
    const first = await createRoute(
      req('POST', '/tickets', { token: write, body, headers: { 'idempotency-key': key } }),
      noParams,
    );
    const again = await createRoute(
      req('POST', '/tickets', { token: write, body, headers: { 'idempotency-key': key } }),
      noParams,
    );
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const created = await json(first);
    expect(await json(again)).toEqual(created);
    // The headers that describe the result come back too: the same version and the same address.
    const number = (created.ticket as { number: number }).number;
    expect(first.headers.get('location')).toBe(`/api/v1/tickets/${number}`);
    expect(first.headers.get('etag')).toMatch(/^"\d+"$/);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    const rows = await db.select({ n: tickets.number }).from(tickets).where(eq(tickets.subject, body.subject));
    expect(rows).toHaveLength(1);

    const other = await createRoute(
      req('POST', '/tickets', { token: write, body: contact(), headers: { 'idempotency-key': key } }),
      noParams,
    );
    expect(other.status).toBe(422);
    expect(await json(other)).toMatchObject({ error: 'idempotency_key_reused' });

    // The key belongs to the token: another token may use the same text for its own request.
    const lead2 = await tokenFor(lead, 'write');
    const mine = await createRoute(
      req('POST', '/tickets', { token: lead2, body: contact(), headers: { 'idempotency-key': key } }),
      noParams,
    );
    expect(mine.status).toBe(201);
  });

  it('concurrent duplicates create one ticket; the others replay it or are told it is in progress', async () => {
    const key = randomUUID();
    const body = contact();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        createRoute(req('POST', '/tickets', { token: write, body, headers: { 'idempotency-key': key } }), noParams),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses).toContain(201);
    const rows = await db.select({ n: tickets.number }).from(tickets).where(eq(tickets.subject, body.subject));
    expect(rows).toHaveLength(1);
    for (const r of responses.filter((x) => x.status === 409)) {
      expect(r.headers.get('retry-after')).toBe('1');
      expect(await json(r)).toMatchObject({ error: 'idempotency_in_progress' });
    }
  });

  it('input the wrapper refuses does not use the key up; an answer from the use case is kept', async () => {
    const key = randomUUID();
    const headers = { 'idempotency-key': key };
    const bad = await createRoute(req('POST', '/tickets', { token: write, body: { subject: '' }, headers }), noParams);
    expect(bad.status).toBe(400);
    const good = await createRoute(req('POST', '/tickets', { token: write, body: contact(), headers }), noParams);
    expect(good.status).toBe(201);

    const other = randomUUID();
    const unknownCategory = { ...contact(), categoryId: randomUUID() };
    const first = await createRoute(
      req('POST', '/tickets', { token: write, body: unknownCategory, headers: { 'idempotency-key': other } }),
      noParams,
    );
    const again = await createRoute(
      req('POST', '/tickets', { token: write, body: unknownCategory, headers: { 'idempotency-key': other } }),
      noParams,
    );
    expect(again.status).toBe(first.status);
    expect(await json(again)).toEqual(await json(first));
  });
});

describe('tickets through the API', () => {
  it('create, read with ETag, update with If-Match (428 without, 412 stale), reply, note, resolve', async () => {
    const number = await createTicket();
    const read1 = await getTicketRoute(req('GET', `/tickets/${number}`, { token: read }), at(number));
    expect(read1.status).toBe(200);
    const etag = read1.headers.get('etag')!;
    const ticket = await json(read1);
    expect(etag).toBe(`"${ticket.version as number}"`);
    expect(ticket).toMatchObject({ number, status: 'new', customer: { name: 'Ada API' }, tags: [] });

    const identify = { identification: { categoryId, severity: 2, impact: 'single' }, tagsAdd: ['api'] };
    const missing = await patchTicketRoute(
      req('PATCH', `/tickets/${number}`, { token: write, body: identify }),
      at(number),
    );
    expect(missing.status).toBe(428);
    expect(await json(missing)).toMatchObject({ error: 'precondition_required' });
    const readOnly = await patchTicketRoute(
      req('PATCH', `/tickets/${number}`, { token: read, body: identify, headers: { 'if-match': etag } }),
      at(number),
    );
    expect(readOnly.status).toBe(403);

    const saved = await patchTicketRoute(
      req('PATCH', `/tickets/${number}`, { token: write, body: identify, headers: { 'if-match': etag } }),
      at(number),
    );
    expect(saved.status).toBe(200);
    const savedBody = await json(saved);
    expect(savedBody).toMatchObject({ tags: ['api'], changed: expect.arrayContaining(['identification', 'tags']) });
    const etag2 = saved.headers.get('etag')!;
    expect(etag2).not.toBe(etag);

    const stale = await patchTicketRoute(
      req('PATCH', `/tickets/${number}`, { token: write, body: { tagsAdd: ['late'] }, headers: { 'if-match': etag } }),
      at(number),
    );
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe(etag2);
    expect(await json(stale)).toMatchObject({ error: 'precondition_failed' });

    const reply = await replyRoute(
      req('POST', `/tickets/${number}/messages`, { token: write, body: { body: 'We are on it.' } }),
      at(number),
    );
    expect(reply.status).toBe(201);
    expect(((await json(reply)).message as { visibility: string }).visibility).toBe('public');
    const note = await noteRoute(
      req('POST', `/tickets/${number}/notes`, { token: write, body: { body: 'Internal: check the logs.' } }),
      at(number),
    );
    expect(note.status).toBe(201);
    const messages = await json(
      await messagesRoute(req('GET', `/tickets/${number}/messages`, { token: read }), at(number)),
    );
    expect((messages.items as { visibility: string }[]).map((m) => m.visibility).slice(-2)).toEqual([
      'public',
      'internal',
    ]);
    const replyWithThen = await replyRoute(
      req('POST', `/tickets/${number}/messages`, { token: write, body: { body: 'Waiting on you.', then: 'pending' } }),
      at(number),
    );
    expect(replyWithThen.status).toBe(428);

    const current = (await getTicketRoute(req('GET', `/tickets/${number}`, { token: read }), at(number))).headers.get(
      'etag',
    )!;
    const resolved = await resolveRoute(
      req('POST', `/tickets/${number}/resolve`, {
        token: write,
        body: { summary: 'Fixed through the API.' },
        headers: { 'if-match': current },
      }),
      at(number),
    );
    expect(resolved.status).toBe(200);
    expect(((await json(resolved)).ticket as { status: string }).status).toBe('resolved');

    const timeline = await json(
      await timelineRoute(req('GET', `/tickets/${number}/timeline`, { token: read }), at(number)),
    );
    expect(timeline.status).toBe('resolved');
    expect((timeline.timeline as { kind: string }[]).some((e) => e.kind === 'event')).toBe(true);
  });

  it('merge, and lists with the views’ filters and a cursor', async () => {
    const email = `merge-${randomUUID().slice(0, 8)}@test.example`;
    const a = await createTicket(write, email);
    const b = await createTicket(write, email);
    const stranger = await createTicket();
    const refused = await mergeRoute(
      req('POST', `/tickets/${stranger}/merge`, { token: write, body: { into: b } }),
      at(stranger),
    );
    expect(refused.status).toBe(422);
    const merged = await mergeRoute(req('POST', `/tickets/${a}/merge`, { token: write, body: { into: b } }), at(a));
    expect(merged.status).toBe(200);
    expect(((await json(merged)).ticket as { number: number }).number).toBe(b);
    const self = await mergeRoute(req('POST', `/tickets/${b}/merge`, { token: write, body: { into: b } }), at(b));
    expect(self.status).toBe(400);

    const first = await json(
      await listRoute(req('GET', '/tickets?status=new&channel=email&sort=age&limit=2', { token: read }), noParams),
    );
    expect((first.items as unknown[]).length).toBe(2);
    expect(first.next).toEqual(expect.any(String));
    const second = await json(
      await listRoute(
        req('GET', `/tickets?status=new&channel=email&sort=age&limit=2&after=${first.next as string}`, { token: read }),
        noParams,
      ),
    );
    const numbers = (page: Record<string, unknown>) => (page.items as { number: number }[]).map((i) => i.number);
    expect(numbers(second).some((n) => numbers(first).includes(n))).toBe(false);
    expect((await listRoute(req('GET', '/tickets?after=garbage', { token: read }), noParams)).status).toBe(400);
  });

  it('a missing ticket is 404 JSON', async () => {
    const response = await getTicketRoute(req('GET', '/tickets/2147483000', { token: read }), at(2_147_483_000));
    expect(response.status).toBe(404);
    expect(await json(response)).toMatchObject({ error: 'not_found' });
  });
});

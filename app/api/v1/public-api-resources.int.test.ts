import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import {
  attachments,
  auditLog,
  customers,
  organizations,
  rateLimits,
  routingRules,
  slaPolicies,
  tickets,
} from '@/db/schema';
import { createApiToken } from '@/lib/api/tokens';
import type { Actor } from '@/lib/auth/actor';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { makeCustomer, makeStaff, must } from '@/lib/testing/fixtures';

// The browser's session: each test says who is signed in (null: nobody; tokens are used otherwise).
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('@/app/_auth/session', async (original) => ({
  ...(await original<typeof import('@/app/_auth/session')>()),
  getActor: async () => session.actor,
}));

const { GET: listFiles, POST: uploadFile } = await import('./tickets/[number]/attachments/route');
const { GET: downloadFile } = await import('./attachments/[id]/route');
const { GET: listOrgs, POST: createOrg } = await import('./organizations/route');
const { GET: getOrg, PUT: putOrg, DELETE: deleteOrg } = await import('./organizations/[id]/route');
const { POST: mergeOrg } = await import('./organizations/[id]/merge/route');
const { POST: createCustomerRoute } = await import('./customers/route');
const { GET: getCustomerRoute, DELETE: deleteCustomerRoute } = await import('./customers/[id]/route');
const { GET: exportRoute } = await import('./customers/[id]/export/route');
const { POST: importsRoute } = await import('./imports/route');
const { GET: listTicketsRoute } = await import('./tickets/route');

const db = getDb();
const BASE = 'http://localhost/api/v1';
const none = { params: Promise.resolve({}) };
const at = (number: number) => ({ params: Promise.resolve({ number: String(number) }) });
const byId = (id: string) => ({ params: Promise.resolve({ id }) });
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR data')]);

type Init = { token?: string; body?: unknown; form?: FormData; raw?: BodyInit; headers?: Record<string, string> };
function req(method: string, path: string, init: Init = {}): Request {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: BodyInit | undefined = init.form ?? init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  return new Request(`${BASE}${path}`, { method, headers, body });
}
const json = async (r: Response) => (await r.json()) as Record<string, unknown>;
const fileForm = (name: string, type: string, data: Uint8Array, extra: Record<string, string> = {}) => {
  const form = new FormData();
  form.append('file', new File([new Uint8Array(data)], name, { type }));
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  return form;
};

let admin: Actor;
let agent: Actor;
let ada: Actor; // a customer with a portal login
let olive: Actor; // another customer
let write: string;
let read: string;
let adminToken: string;

async function tokenFor(actor: Actor, scope: 'read' | 'write' | 'admin'): Promise<string> {
  return must(await createApiToken(db, actor, { name: `t-${scope}`, scope })).token;
}

beforeAll(async () => {
  admin = await makeStaff(db, 'admin');
  agent = await makeStaff(db, 'agent');
  ada = await makeCustomer(db, 'Ada Portal');
  olive = await makeCustomer(db, 'Olive Other');
  write = await tokenFor(agent, 'write');
  read = await tokenFor(agent, 'read');
  adminToken = await tokenFor(admin, 'admin');
});
afterAll(async () => {
  session.actor = null;
  await db.delete(rateLimits).where(sql`${rateLimits.key} like 'api:token:%'`);
});

async function adasRequest(): Promise<number> {
  return must(await submitRequest(db, ada, { subject: 'Receipt', description: 'The receipt is attached.' })).number;
}
async function fileCount(number: number): Promise<number> {
  const rows = await db
    .select({ id: attachments.id })
    .from(attachments)
    .innerJoin(tickets, eq(tickets.id, attachments.ticketId))
    .where(eq(tickets.number, number));
  return rows.length;
}

describe('attachments through the API', () => {
  it('staff upload with a token, list and download; a read token cannot upload', async () => {
    session.actor = null;
    const number = await adasRequest();
    const up = await uploadFile(
      req('POST', `/tickets/${number}/attachments`, { token: write, form: fileForm('shot.png', 'image/png', PNG) }),
      at(number),
    );
    expect(up.status).toBe(201);
    const uploaded = await json(up);
    expect(uploaded).toMatchObject({ filename: 'shot.png', contentType: 'image/png', size: PNG.length });

    const list = await json(await listFiles(req('GET', `/tickets/${number}/attachments`, { token: read }), at(number)));
    expect((list.attachments as { id: string }[]).map((a) => a.id)).toEqual([uploaded.id]);

    const download = await downloadFile(
      req('GET', `/attachments/${uploaded.id as string}`, { token: read }),
      byId(uploaded.id as string),
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="shot.png"/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);

    const refused = await uploadFile(
      req('POST', `/tickets/${number}/attachments`, { token: read, form: fileForm('b.png', 'image/png', PNG) }),
      at(number),
    );
    expect(refused.status).toBe(403);
    expect(await json(refused)).toMatchObject({ error: 'insufficient_scope' });
    expect(await fileCount(number)).toBe(1);
  });

  it("a customer's session reaches their own tickets' files only; anyone else's is 404", async () => {
    const number = await adasRequest();
    session.actor = ada;
    const up = await uploadFile(
      req('POST', `/tickets/${number}/attachments`, {
        form: fileForm('notes.txt', 'text/plain', Buffer.from('hello')),
      }),
      at(number),
    );
    expect(up.status).toBe(201);
    const id = (await json(up)).id as string;
    expect((await downloadFile(req('GET', `/attachments/${id}`), byId(id))).status).toBe(200);

    session.actor = olive;
    const theirs = await downloadFile(req('GET', `/attachments/${id}`), byId(id));
    expect(theirs.status).toBe(404);
    expect(await json(theirs)).toMatchObject({ error: 'not_found' });
    expect((await listFiles(req('GET', `/tickets/${number}/attachments`), at(number))).status).toBe(404);
    const upload = await uploadFile(
      req('POST', `/tickets/${number}/attachments`, { form: fileForm('x.txt', 'text/plain', Buffer.from('x')) }),
      at(number),
    );
    expect(upload.status).toBe(404);
    // A customer's session on a staff operation: it does not exist for them.
    expect((await listTicketsRoute(req('GET', '/tickets'), none)).status).toBe(404);
    session.actor = null;
    expect(await fileCount(number)).toBe(1);
  });

  it('no file, a file over the limit, a wrong type, a NUL in the name, not multipart: 4xx JSON, nothing saved', async () => {
    session.actor = null;
    const number = await adasRequest();
    const post = (init: Init) =>
      uploadFile(req('POST', `/tickets/${number}/attachments`, { token: write, ...init }), at(number));
    const noFile = new FormData();
    noFile.append('messageId', '');
    const cases: [Init, number, string, string | null][] = [
      [{ form: noFile }, 400, 'invalid', 'file'],
      [
        {
          form: (() => {
            const f = new FormData();
            f.append('file', 'not a file');
            return f;
          })(),
        },
        400,
        'invalid',
        'file',
      ],
      [{ form: fileForm('big.txt', 'text/plain', Buffer.alloc(10 * 1024 * 1024 + 1, 0x61)) }, 400, 'invalid', 'file'],
      [
        { form: fileForm('huge.txt', 'text/plain', Buffer.alloc(10 * 1024 * 1024 + 100 * 1024, 0x61)) },
        413,
        'too_large',
        'file',
      ],
      [{ form: fileForm('shot.png', 'text/plain', PNG) }, 400, 'invalid', 'file'],
      [{ form: fileForm('fake.png', 'image/png', Buffer.from('not a png')) }, 400, 'invalid', 'file'],
      [{ form: fileForm('run.exe', 'application/octet-stream', Buffer.from('MZ')) }, 400, 'invalid', 'file'],
      [{ form: fileForm('in\u0000voice.txt', 'text/plain', Buffer.from('x')) }, 400, 'invalid', 'file'],
      [{ body: { file: 'x' } }, 415, 'unsupported_media_type', 'file'],
      [
        {
          raw: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhal',
          headers: { 'content-type': 'multipart/form-data; boundary=b' },
        },
        400,
        'invalid',
        'file',
      ],
    ];
    for (const [init, status, code, field] of cases) {
      const response = await post(init);
      expect(response.status, JSON.stringify(init.headers ?? code)).toBe(status);
      const body = await json(response);
      expect(body).toMatchObject({ error: code });
      if (field) expect(body.fieldErrors, code).toHaveProperty(field);
    }
    expect(await fileCount(number)).toBe(0);
    // A closed or unknown ticket is refused too.
    expect(
      (
        await uploadFile(
          req('POST', '/tickets/2147483000/attachments', {
            token: write,
            form: fileForm('a.txt', 'text/plain', Buffer.from('a')),
          }),
          at(2_147_483_000),
        )
      ).status,
    ).toBe(404);
  });

  it('an upload retried with the same Idempotency-Key is stored once and replayed, whatever the boundary', async () => {
    const number = await adasRequest();
    const key = randomUUID();
    const send = () =>
      uploadFile(
        req('POST', `/tickets/${number}/attachments`, {
          token: write,
          form: fileForm('log.txt', 'text/plain', Buffer.from('line 1')),
          headers: { 'idempotency-key': key },
        }),
        at(number),
      );
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await json(again)).toEqual(await json(first));
    expect(await fileCount(number)).toBe(1);
    const other = await uploadFile(
      req('POST', `/tickets/${number}/attachments`, {
        token: write,
        form: fileForm('log.txt', 'text/plain', Buffer.from('line 2')),
        headers: { 'idempotency-key': key },
      }),
      at(number),
    );
    expect(other.status).toBe(422);
  });
});

describe('organizations through the API', () => {
  const tag = randomUUID().slice(0, 8);
  const orgBody = (name: string, domain?: string) => ({ name: `${tag} ${name}`, ...(domain ? { domain } : {}) });

  it('create (unique name), read, update, and list a page at a time', async () => {
    session.actor = null;
    const created = await createOrg(
      req('POST', '/organizations', { token: write, body: orgBody('Acme', 'ACME.example') }),
      none,
    );
    expect(created.status).toBe(201);
    const org = (await json(created)).organization as { id: string; name: string; domain: string };
    expect(org).toMatchObject({ name: `${tag} Acme`, domain: 'acme.example' });

    const taken = await createOrg(req('POST', '/organizations', { token: write, body: orgBody('Acme') }), none);
    expect(taken.status).toBe(409);
    expect(await json(taken)).toMatchObject({ error: 'conflict', fieldErrors: { name: [expect.any(String)] } });
    const bad = await createOrg(
      req('POST', '/organizations', { token: write, body: { name: '', domain: 'not a domain' } }),
      none,
    );
    expect(bad.status).toBe(400);
    expect(Object.keys((await json(bad)).fieldErrors as object).sort()).toEqual(['domain', 'name']);
    expect((await createOrg(req('POST', '/organizations', { token: read, body: orgBody('Nope') }), none)).status).toBe(
      403,
    );

    const read1 = await json(await getOrg(req('GET', `/organizations/${org.id}`, { token: read }), byId(org.id)));
    expect(read1.organization).toMatchObject({ id: org.id, customerCount: 0 });
    const renamed = await putOrg(
      req('PUT', `/organizations/${org.id}`, { token: write, body: orgBody('Acme Ltd') }),
      byId(org.id),
    );
    expect(renamed.status).toBe(200);
    expect((await json(renamed)).organization).toMatchObject({ name: `${tag} Acme Ltd`, domain: null });
    const missing = randomUUID();
    expect((await getOrg(req('GET', `/organizations/${missing}`, { token: read }), byId(missing))).status).toBe(404);
    expect((await getOrg(req('GET', '/organizations/nope', { token: read }), byId('nope'))).status).toBe(404);

    for (const name of ['Beta', 'Gamma', 'Delta'])
      await createOrg(req('POST', '/organizations', { token: write, body: orgBody(name) }), none);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 500; page++) {
      const q: string = `/organizations?limit=2${after ? `&after=${after}` : ''}`;
      const body = await json(await listOrgs(req('GET', q, { token: read }), none));
      const items = body.items as { name: string }[];
      expect(items.length).toBeLessThanOrEqual(2);
      seen.push(...items.map((i) => i.name));
      after = body.next as string | null;
      if (!after) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((n) => n.startsWith(tag))).toEqual([
      `${tag} Acme Ltd`,
      `${tag} Beta`,
      `${tag} Delta`,
      `${tag} Gamma`,
    ]);
    expect((await listOrgs(req('GET', '/organizations?after=garbage', { token: read }), none)).status).toBe(400);
    // A cursor shaped like ours but with an id that is no UUID (36 dashes) is a 400, not a database error.
    const forged = Buffer.from(JSON.stringify(['Acme', '-'.repeat(36)])).toString('base64url');
    expect((await listOrgs(req('GET', `/organizations?after=${forged}`, { token: read }), none)).status).toBe(400);
  });

  it('delete is refused while customers belong to it; merge moves them and rewrites rules; admins only', async () => {
    const make = async (name: string) =>
      (
        (await json(await createOrg(req('POST', '/organizations', { token: write, body: orgBody(name) }), none)))
          .organization as { id: string }
      ).id;
    const keep = await make('Keep');
    const dup = await make('Dup');
    const [member] = await db
      .insert(customers)
      .values({ name: 'Member', email: `m-${tag}@test.example`, organizationId: dup })
      .returning();
    const [rule] = await db
      .insert(routingRules)
      .values({
        name: `rule ${tag}`,
        position: 9000,
        active: false,
        conditions: { organizationIds: [dup] },
        actions: {},
      })
      .returning();

    const policy = (organizationId: string, priority: number) => ({
      name: `p${priority} ${tag}`,
      priority,
      organizationId,
      firstResponseMinutes: 60,
      resolutionMinutes: 600,
    });
    const [keepP1, dupP1, dupP2] = await db
      .insert(slaPolicies)
      .values([policy(keep, 1), policy(dup, 1), policy(dup, 2)])
      .returning();
    expect((await deleteOrg(req('DELETE', `/organizations/${dup}`, { token: write }), byId(dup))).status).toBe(403);
    const inUse = await deleteOrg(req('DELETE', `/organizations/${dup}`, { token: adminToken }), byId(dup));
    expect(inUse.status).toBe(409);
    expect(Object.keys((await json(inUse)).fieldErrors as object).sort()).toEqual(['customers', 'routingRules']);

    expect(
      (
        await mergeOrg(
          req('POST', `/organizations/${keep}/merge`, { token: write, body: { duplicate: dup } }),
          byId(keep),
        )
      ).status,
    ).toBe(403);
    const self = await mergeOrg(
      req('POST', `/organizations/${keep}/merge`, { token: adminToken, body: { duplicate: keep } }),
      byId(keep),
    );
    expect(self.status).toBe(400);
    const merged = await mergeOrg(
      req('POST', `/organizations/${keep}/merge`, { token: adminToken, body: { duplicate: dup } }),
      byId(keep),
    );
    expect(merged.status).toBe(200);
    expect(await json(merged)).toMatchObject({ organization: { id: keep, customerCount: 1 }, movedCustomers: 1 });
    const [moved] = await db.select().from(customers).where(eq(customers.id, member!.id));
    expect(moved?.organizationId).toBe(keep);
    expect(moved?.version).toBe(2);
    // The duplicate's policies are the target's now; where both had one for the scope, the target's stays active.
    const policies = await db
      .select({ id: slaPolicies.id, organizationId: slaPolicies.organizationId, active: slaPolicies.active })
      .from(slaPolicies)
      .where(inArray(slaPolicies.id, [keepP1!.id, dupP1!.id, dupP2!.id]));
    expect(Object.fromEntries(policies.map((p) => [p.id, [p.organizationId, p.active]]))).toEqual({
      [keepP1!.id]: [keep, true],
      [dupP1!.id]: [keep, false],
      [dupP2!.id]: [keep, true],
    });
    const [rewritten] = await db.select().from(routingRules).where(eq(routingRules.id, rule!.id));
    expect(rewritten?.conditions).toEqual({ organizationIds: [keep] });
    expect(await db.select().from(organizations).where(eq(organizations.id, dup))).toEqual([]);
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, keep));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['organization.created', 'organization.merged']),
    );

    const empty = await make('Empty');
    const deleted = await deleteOrg(req('DELETE', `/organizations/${empty}`, { token: adminToken }), byId(empty));
    expect(deleted.status).toBe(204);
    expect((await getOrg(req('GET', `/organizations/${empty}`, { token: read }), byId(empty))).status).toBe(404);
    await db.delete(routingRules).where(eq(routingRules.id, rule!.id));
  });

  it('delete re-points open requests still measured against its SLA policies (same transaction)', async () => {
    session.actor = null;
    const created = await createOrg(req('POST', '/organizations', { token: write, body: orgBody('Measured') }), none);
    const org = ((await json(created)).organization as { id: string }).id;
    const own = await db
      .insert(slaPolicies)
      .values(
        [1, 2, 3, 4].map((priority) => ({
          name: `measured p${priority} ${tag}`,
          priority,
          organizationId: org,
          firstResponseMinutes: 7,
          resolutionMinutes: 77,
        })),
      )
      .returning({ id: slaPolicies.id });
    const ownIds = own.map((p) => p.id);
    const member = await makeCustomer(db, 'Measured Member');
    await db.update(customers).set({ organizationId: org }).where(eq(customers.id, member.customerId!));
    const number = must(await submitRequest(db, member, { subject: 'Measured', description: 'Under its SLA.' })).number;
    const ticketOf = async () => (await db.select().from(tickets).where(eq(tickets.number, number)))[0]!;
    const before = await ticketOf();
    expect(ownIds).toContain(before.slaPolicyId);
    // The member moved out and the recompute job has not reached the request yet.
    await db.update(customers).set({ organizationId: null }).where(eq(customers.id, member.customerId!));

    const deleted = await deleteOrg(req('DELETE', `/organizations/${org}`, { token: adminToken }), byId(org));
    expect(deleted.status).toBe(204);
    expect(await db.select().from(slaPolicies).where(inArray(slaPolicies.id, ownIds))).toEqual([]);
    const after = await ticketOf();
    expect(ownIds).not.toContain(after.slaPolicyId);
    if (after.slaPolicyId)
      expect(await db.select().from(slaPolicies).where(eq(slaPolicies.id, after.slaPolicyId))).toHaveLength(1);
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.firstResponseDueAt?.getTime()).not.toBe(before.firstResponseDueAt?.getTime());
  });
});

describe('customers: create and erase', () => {
  it('create: 201 with an ETag; a taken e-mail is 409 on the field; replays say so', async () => {
    session.actor = null;
    const email = `new-${randomUUID().slice(0, 8)}@test.example`;
    const body = { name: 'Grace New', email: email.toUpperCase(), organization: `Org ${email}`, tags: ['vip'] };
    const key = randomUUID();
    const created = await createCustomerRoute(
      req('POST', '/customers', { token: write, body, headers: { 'idempotency-key': key } }),
      none,
    );
    expect(created.status).toBe(201);
    const customer = (await json(created)).customer as {
      id: string;
      email: string;
      organization: string;
      version: number;
    };
    expect(customer).toMatchObject({ email, organization: `Org ${email}`, tags: ['vip'], version: 1 });
    expect(created.headers.get('etag')).toBe('"1"');
    const replay = await createCustomerRoute(
      req('POST', '/customers', { token: write, body, headers: { 'idempotency-key': key } }),
      none,
    );
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(((await json(replay)).customer as { id: string }).id).toBe(customer.id);
    expect(created.headers.get('location')).toBe(`/api/v1/customers/${customer.id}`);
    expect(replay.headers.get('location')).toBe(created.headers.get('location'));
    expect(replay.headers.get('etag')).toBe('"1"');

    const taken = await createCustomerRoute(
      req('POST', '/customers', { token: write, body: { name: 'Other', email } }),
      none,
    );
    expect(taken.status).toBe(409);
    expect(await json(taken)).toMatchObject({ error: 'conflict', fieldErrors: { email: [expect.any(String)] } });
    const unreachable = await createCustomerRoute(
      req('POST', '/customers', { token: write, body: { name: 'Nobody' } }),
      none,
    );
    expect(unreachable.status).toBe(400);
    expect((await json(unreachable)).fieldErrors).toHaveProperty('email');
    expect(
      (
        await createCustomerRoute(
          req('POST', '/customers', { token: read, body: { name: 'R', email: `r-${key}@test.example` } }),
          none,
        )
      ).status,
    ).toBe(403);
    expect(await db.select().from(customers).where(eq(customers.email, email))).toHaveLength(1);
  });

  it('DELETE erases the person (admin scope), keeps the tickets, and cannot be repeated', async () => {
    const number = await adasRequest();
    const id = ada.customerId!;
    expect((await deleteCustomerRoute(req('DELETE', `/customers/${id}`, { token: write }), byId(id))).status).toBe(403);
    const erased = await deleteCustomerRoute(req('DELETE', `/customers/${id}`, { token: adminToken }), byId(id));
    expect(erased.status).toBe(200);
    expect(await json(erased)).toMatchObject({ customerId: id, tickets: expect.any(Number) });
    const [row] = await db.select().from(customers).where(eq(customers.id, id));
    expect(row?.name).toBe('Erased customer');
    expect(row?.email).not.toBe(ada.email);
    expect(await db.select({ n: tickets.number }).from(tickets).where(eq(tickets.number, number))).toHaveLength(1);
    const again = await deleteCustomerRoute(req('DELETE', `/customers/${id}`, { token: adminToken }), byId(id));
    expect(again.status).toBe(409);
    const nobody = randomUUID();
    expect(
      (await deleteCustomerRoute(req('DELETE', `/customers/${nobody}`, { token: adminToken }), byId(nobody))).status,
    ).toBe(404);
    expect((await getCustomerRoute(req('GET', `/customers/${id}`, { token: read }), byId(id))).status).toBe(200);
  });
});

describe('staff-only routes and a customer session', () => {
  it('export and imports answer a customer 404, not 403; an agent still 403', async () => {
    const id = olive.customerId!;
    session.actor = olive;
    const exported = await exportRoute(req('GET', `/customers/${id}/export`), byId(id));
    expect(exported.status).toBe(404);
    expect(await json(exported)).toMatchObject({ error: 'not_found' });
    const imported = await importsRoute(
      req('POST', '/imports', { form: fileForm('a.csv', 'text/csv', Buffer.from('a')) }),
    );
    expect(imported.status).toBe(404);
    session.actor = agent;
    expect((await exportRoute(req('GET', `/customers/${id}/export`), byId(id))).status).toBe(403);
    session.actor = admin;
    expect((await exportRoute(req('GET', `/customers/${id}/export`), byId(id))).status).toBe(200);
    session.actor = null;
  });
});

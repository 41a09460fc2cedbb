import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { customers, importKeys, importRuns, messages, metricRollupDirty, organizations, tickets } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { makeStaff, must, testDb } from '@/lib/testing/fixtures';
import { searchTickets } from '@/lib/search/search-tickets';
import { checkImportFile, IMPORT_MAX_BYTES, startImport } from './imports';
import { runImport } from './run-import';

let handle: DbHandle;
let admin: Actor;
let agent: Actor;
const stamp = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 6);

beforeAll(async () => {
  handle = testDb();
  admin = await makeStaff(handle.db, 'admin');
  agent = await makeStaff(handle.db, 'agent');
});
afterAll(() => handle.close());

function jsonFile(s: string) {
  return JSON.stringify({
    organizations: [{ external_id: 'o1', name: `Acme ${s}`, domain: 'acme.test' }],
    customers: [
      { external_id: 'c1', name: `Ada ${s}`, email: `ada-${s}@acme.test`, organization: `Acme ${s}` },
      {
        external_id: 'c2',
        name: `Bo ${s}`,
        phone: `+44 20 ${String(Date.now()).slice(-7)}${Math.floor(Math.random() * 90 + 10)}`,
        email: `bo-${s}@acme.test`,
      },
    ],
    tickets: [
      {
        external_id: 'ZD-1',
        subject: `Printer on fire ${s}`,
        status: 'solved',
        priority: 'high',
        channel: 'email',
        created_at: '2024-03-01T09:00:00Z',
        resolved_at: '2024-03-02T10:00:00Z',
        customer_email: `ada-${s}@acme.test`,
        messages: [
          { author_email: `ada-${s}@acme.test`, body: 'It is on fire.', created_at: '2024-03-01T09:00:00Z' },
          { author_email: agent.email, body: 'Extinguisher on its way.', created_at: '2024-03-01T09:30:00Z' },
          {
            author_email: 'old-agent@elsewhere.test',
            body: 'Checked stock.',
            internal: true,
            created_at: '2024-03-01T09:40:00Z',
          },
        ],
      },
      {
        external_id: 2,
        subject: `Invoice wrong ${s}`,
        status: 'open',
        created_at: '2024-05-01T12:00:00+02:00',
        customer_email: `bo-${s}@acme.test`,
        messages: [{ author_email: `bo-${s}@acme.test`, body: 'Charged twice.', created_at: '2024-05-01T10:00:00Z' }],
      },
      {
        external_id: 'ZD-3',
        subject: 'Nobody',
        status: 'open',
        created_at: '2024-05-01T10:00:00Z',
        customer_email: `ghost-${s}@x.test`,
        description: 'x',
      },
      { external_id: 'ZD-4', subject: '', status: 'weird', created_at: 'yesterday', customer_email: 'not-an-address' },
    ],
  });
}

async function counts(s: string) {
  const [c] = await handle.db
    .select({ n: sql<number>`count(*)::int` })
    .from(customers)
    .where(like(customers.email, `%-${s}@acme.test`));
  const [t] = await handle.db
    .select({ n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(like(tickets.subject, `%${s}`));
  const [o] = await handle.db
    .select({ n: sql<number>`count(*)::int` })
    .from(organizations)
    .where(eq(organizations.name, `Acme ${s}`));
  return { customers: c!.n, tickets: t!.n, organizations: o!.n };
}

describe('import: dry run', () => {
  it('reports rows, what would be created and each problem where it is, and writes nothing', async () => {
    const s = stamp();
    const { report } = must(
      await checkImportFile(handle.db, admin, { fileName: 'export.json', content: jsonFile(s), source: `zd-${s}` }),
    );
    expect(report).toMatchObject({
      format: 'json',
      rows: 7,
      organizations: { create: 1, skip: 0 },
      customers: { create: 2, skip: 0 },
      tickets: { create: 2, skip: 0 },
      messages: { create: 4 },
      unknownAuthors: ['old-agent@elsewhere.test'],
    });
    const where = report.problems.map((p) => p.at);
    expect(where).toEqual(['tickets[3]', 'tickets[2]']);
    expect(report.problems[0]!.message).toMatch(/subject: is required.*status: "weird" is not a status.*created_at/);
    expect(report.problems[1]!.message).toContain(`ghost-${s}@x.test is not a customer`);
    expect(await counts(s)).toEqual({ customers: 0, tickets: 0, organizations: 0 });
  });

  it('a customer refuses the dry run; staff who are not admins too', async () => {
    const result = await checkImportFile(handle.db, agent, { fileName: 'a.json', content: '{}', source: 'x' });
    expect(result).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('says what is wrong with malformed, binary, oversized and wrongly shaped files', async () => {
    const check = async (fileName: string, content: string) =>
      must(await checkImportFile(handle.db, admin, { fileName, content, source: 'bad' })).report;
    expect((await check('a.json', '{"tickets": [')).problems[0]).toMatchObject({
      at: 'file',
      message: expect.stringContaining('Not valid JSON'),
    });
    expect((await check('a.json', '[1,2]')).problems[0]!.message).toContain('Expected an object');
    expect((await check('a.csv', 'name,email\nA,"unterminated\n')).problems[0]!.message).toContain('Not valid CSV');
    expect((await check('a.csv', 'name,email\nA\u0000,a@b.test\n')).problems[0]).toMatchObject({
      at: 'line 2',
      message: expect.stringContaining('NUL bytes'),
    });
    expect((await check('a.csv', 'subject,colour\nx,red\n')).problems[0]).toMatchObject({
      at: 'line 1',
      message: expect.stringMatching(/missing column\(s\) external_id.*unknown column\(s\) colour/),
    });
    const huge = await checkImportFile(handle.db, admin, {
      fileName: 'a.csv',
      content: 'x'.repeat(IMPORT_MAX_BYTES + 1),
      source: 'bad',
    });
    expect(huge).toMatchObject({ ok: false, code: 'too_large' });
  });

  it('reports CSV rows by line number, multi-line quoted bodies included', async () => {
    const s = stamp();
    const csv = [
      'external_id,subject,status,priority,channel,created_at,customer_email,customer_name,message_author_email,message_body,message_internal,message_created_at',
      `T1,Lost parcel ${s},open,2,email,2024-01-02T10:00:00Z,cara-${s}@acme.test,Cara ${s},cara-${s}@acme.test,"Where is it?`,
      `It was due Monday.",false,2024-01-02T10:00:00Z`,
      `T1,,,,,,,,${agent.email},Looking into it.,no,2024-01-02T11:00:00Z`,
      `T2,Bad date ${s},open,9,fax,2024-13-01,cara-${s}@acme.test,,,,,`,
      `T3,Too few fields`,
    ].join('\n');
    const { report } = must(
      await checkImportFile(handle.db, admin, { fileName: 'tickets.csv', content: csv, source: `csv-${s}` }),
    );
    expect(report).toMatchObject({
      kind: 'tickets',
      tickets: { create: 1 },
      messages: { create: 2 },
      customers: { create: 1 },
    });
    expect(report.problems).toEqual([
      { at: 'line 6', message: 'Has 2 fields; the header has 12.' },
      { at: 'line 5', message: expect.stringMatching(/priority: "9" is not a priority.*channel: "fax".*created_at/) },
    ]);
  });
});

describe('import: the job', () => {
  it('imports with original times, then the same file again creates nothing twice', async () => {
    const s = stamp();
    const source = `zd-${s}`;
    const { runId } = must(
      await checkImportFile(handle.db, admin, { fileName: 'export.json', content: jsonFile(s), source }),
    );
    must(await startImport(handle.db, admin, { runId }));
    expect(await startImport(handle.db, admin, { runId })).toMatchObject({ ok: false, code: 'conflict' });
    const outcome = (await runImport(handle.db, runId))!;
    expect(outcome).toMatchObject({ organizations: 1, customers: 2, tickets: 2, messages: 4, skippedTickets: 0 });
    expect(outcome.problemCount).toBe(2);
    const [run] = await handle.db.select().from(importRuns).where(eq(importRuns.id, runId));
    expect(run).toMatchObject({ status: 'done', processed: 5, total: 5 });

    const keys = await handle.db
      .select()
      .from(importKeys)
      .where(and(eq(importKeys.source, source), eq(importKeys.kind, 'ticket')));
    expect(keys.map((k) => k.externalId).sort()).toEqual(['2', 'ZD-1']);
    const [fire] = await handle.db
      .select()
      .from(tickets)
      .where(eq(tickets.id, keys.find((k) => k.externalId === 'ZD-1')!.entityId));
    expect(fire).toMatchObject({
      createdAt: new Date('2024-03-01T09:00:00Z'),
      resolvedAt: new Date('2024-03-02T10:00:00Z'),
      // Resolved long ago: its follow-up window has passed, so it comes in closed at the window's end.
      status: 'closed',
      closedAt: new Date('2024-03-09T10:00:00Z'),
      firstResponseAt: new Date('2024-03-01T09:30:00Z'),
      firstResponseDueAt: null,
      resolutionDueAt: null,
      priority: 2,
      publicReplyCount: 1,
    });
    const thread = await handle.db
      .select()
      .from(messages)
      .where(eq(messages.ticketId, fire!.id))
      .orderBy(messages.createdAt);
    expect(thread.map((m) => [m.authorKind, m.visibility, m.createdAt.toISOString()])).toEqual([
      ['customer', 'public', '2024-03-01T09:00:00.000Z'],
      ['agent', 'public', '2024-03-01T09:30:00.000Z'],
      ['agent', 'internal', '2024-03-01T09:40:00.000Z'],
    ]);
    expect(thread[1]!.authorUserId).toBe(agent.userId);
    expect(thread[2]!.authorUserId).toBeNull();
    // The dashboard's rollups learn the original days (the triggers mark them).
    const dirty = await handle.db.select().from(metricRollupDirty).where(eq(metricRollupDirty.day, '2024-03-01'));
    expect(dirty.length).toBeGreaterThan(0);
    // Found by the other system's number.
    const found = await searchTickets(handle.db, agent, { q: 'ZD-1' });
    expect(found.rows.map((r) => r.number)).toContain(fire!.number);

    // Again: same file, same source.
    const again = must(
      await checkImportFile(handle.db, admin, { fileName: 'export.json', content: jsonFile(s), source }),
    );
    expect(again.report).toMatchObject({
      organizations: { create: 0, skip: 1 },
      customers: { create: 0, skip: 2 },
      tickets: { create: 0, skip: 2 },
    });
    expect(await startImport(handle.db, admin, { runId: again.runId })).toMatchObject({
      ok: false,
      code: 'unprocessable',
    });
    // Even a forced second run (a retried job) creates nothing.
    await handle.db.update(importRuns).set({ status: 'queued' }).where(eq(importRuns.id, runId));
    const rerun = (await runImport(handle.db, again.runId))!;
    expect(rerun).toMatchObject({ organizations: 0, customers: 0, tickets: 0, messages: 0, skippedTickets: 2 });
    expect(await counts(s)).toEqual({ customers: 2, tickets: 2, organizations: 1 });
    const ticketIds = keys.map((k) => k.entityId);
    const [m] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(messages)
      .where(inArray(messages.ticketId, ticketIds));
    expect(m!.n).toBe(4);
  });
});

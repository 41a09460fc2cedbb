import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { makeStaff, testDb } from '@/lib/testing/fixtures';
import { recordAudit } from './audit';
import { auditFacets, auditFilterSchema, COMMAND_LINE, listAudit } from './audit-log';

let handle: DbHandle;
let admin: Actor;
let other: Actor;
const tag = `t${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  handle = testDb();
  admin = await makeStaff(handle.db, 'admin');
  other = await makeStaff(handle.db, 'admin');
  await recordAudit(handle.db, admin, {
    action: `${tag}.created`,
    entityType: tag,
    entityId: 'e1',
    entityLabel: 'Billing',
    after: { name: 'Billing' },
  });
  await recordAudit(handle.db, other, {
    action: `${tag}.renamed`,
    entityType: tag,
    entityId: 'e1',
    entityLabel: 'Billing & Payments',
    before: { name: 'Billing' },
    after: { name: 'Billing & Payments' },
  });
  await recordAudit(handle.db, null, {
    action: `${tag}.created`,
    entityType: tag,
    entityId: 'e2',
    entityLabel: 'Returns',
  });
  // An old entry, for the date filter.
  await handle.db.insert(auditLog).values({
    action: `${tag}.created`,
    entityType: tag,
    entityId: 'e3',
    entityLabel: 'Archive',
    createdAt: new Date('2020-03-04T10:00:00Z'),
  });
});
afterAll(() => handle.close());

const list = (raw: Record<string, unknown>) =>
  listAudit(handle.db, admin, auditFilterSchema.parse({ entityType: tag, ...raw }));

describe('the audit log', () => {
  it('lists newest first and filters by actor, action, entity and dates', async () => {
    const all = await list({});
    expect(all.rows.map((r) => r.entityLabel)).toEqual(['Archive', 'Returns', 'Billing & Payments', 'Billing']);
    expect(all.rows[2]).toMatchObject({ actorName: other.name, before: { name: 'Billing' } });
    expect((await list({ actor: admin.userId })).rows.map((r) => r.entityLabel)).toEqual(['Billing']);
    expect((await list({ actor: COMMAND_LINE })).rows.map((r) => r.entityId)).toEqual(['e3', 'e2']);
    expect((await list({ action: `${tag}.renamed` })).rows).toHaveLength(1);
    expect((await list({ entity: 'e1' })).rows).toHaveLength(2);
    expect((await list({ entity: 'payments' })).rows.map((r) => r.entityLabel)).toEqual(['Billing & Payments']);
    expect((await list({ entity: '%' })).rows).toEqual([]);
    expect((await list({ from: '2020-03-04', to: '2020-03-04' })).rows.map((r) => r.entityId)).toEqual(['e3']);
    expect((await list({ to: '2020-03-03' })).rows).toEqual([]);
    expect((await list({ from: '2021-01-01' })).rows).toHaveLength(3);
  });

  it('pages with a keyset on id; forged filters fall back to "any"', async () => {
    const all = await list({});
    const older = await list({ before: all.rows[1]!.id });
    expect(older.rows.map((r) => r.id)).toEqual(all.rows.slice(2).map((r) => r.id));
    expect(auditFilterSchema.parse({ actor: 'x', from: '2020-13-45', to: 'yesterday', before: '-1' })).toMatchObject({
      actor: '',
      from: '',
      to: '',
      before: undefined,
    });
  });

  it('takes NUL bytes and broken characters in the filters without a database error', async () => {
    expect((await list({ entity: 'Bill\u0000ing' })).rows.map((r) => r.entityLabel)).toEqual([
      'Billing & Payments',
      'Billing',
    ]);
    expect((await list({ action: '\u0000', entityType: `${tag}\u0000` })).rows).toHaveLength(4);
    expect((await list({ entity: '\uD800' })).rows).toEqual([]);
  });

  it('offers the actions, entity types and actors in the log; admins only', async () => {
    const facets = await auditFacets(handle.db, admin);
    expect(facets.actions).toEqual(expect.arrayContaining([`${tag}.created`, `${tag}.renamed`]));
    expect(facets.entityTypes).toContain(tag);
    expect(facets.actors.map((a) => a.id)).toEqual(expect.arrayContaining([admin.userId, other.userId]));
    const lead = await makeStaff(handle.db, 'lead');
    await expect(listAudit(handle.db, lead, auditFilterSchema.parse({}))).rejects.toMatchObject({ code: 'forbidden' });
  });
});

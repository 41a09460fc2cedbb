import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { createMacro } from '@/lib/macros/macros';
import { bulkUpdate } from '@/lib/pipeline/bulk-update';
import { identifyTicket } from '@/lib/pipeline/identify-ticket';
import { logContact } from '@/lib/pipeline/log-contact';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { listActiveCategories, listAllCategories, RETIRED_CATEGORY } from '@/lib/tickets/categories';
import { getTicketForStaff } from '@/lib/tickets/get-ticket';
import { getReferenceData } from '@/lib/tickets/reference-data';
import { makeCustomer, makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { createCategory, setCategoryRetired, updateCategory } from './categories';

let handle: DbHandle;
let admin: Actor;
let lead: Actor;
let agent: Actor;
let customer: Actor;
let teamId: string;
const tag = Math.random().toString(36).slice(2, 8);

beforeAll(async () => {
  handle = testDb();
  ({ teamId } = await makeTeamAndCategory(handle.db));
  admin = await makeStaff(handle.db, 'admin');
  lead = await makeStaff(handle.db, 'lead', teamId);
  agent = await makeStaff(handle.db, 'agent', teamId);
  customer = await makeCustomer(handle.db, 'Category Customer');
});
afterAll(() => handle.close());

const audits = (entityId: string) =>
  handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'category'), eq(auditLog.entityId, entityId)))
    .orderBy(auditLog.id);

describe('category administration', () => {
  it('creates, renames and describes a category, each change audited', async () => {
    const created = must(
      await createCategory(handle.db, admin, { name: `Warranty ${tag}`, description: 'Claims', defaultTeamId: teamId }),
    );
    expect(created).toMatchObject({ name: `Warranty ${tag}`, defaultTeamId: teamId, retiredAt: null });
    const renamed = must(
      await updateCategory(handle.db, admin, {
        id: created.id,
        name: `Guarantee ${tag}`,
        description: 'Claims under guarantee',
        defaultTeamId: '',
      }),
    );
    expect(renamed).toMatchObject({ name: `Guarantee ${tag}`, defaultTeamId: null });
    expect(await audits(created.id)).toMatchObject([
      { action: 'category.created', actorUserId: admin.userId, after: { name: `Warranty ${tag}` } },
      {
        action: 'category.renamed',
        before: { name: `Warranty ${tag}`, description: 'Claims', defaultTeamId: teamId },
        after: { name: `Guarantee ${tag}`, description: 'Claims under guarantee', defaultTeamId: null },
      },
    ]);
  });

  it('refuses duplicate (any case), empty, NUL, too long names and unknown teams with field errors', async () => {
    must(await createCategory(handle.db, admin, { name: `Shipping ${tag}` }));
    expect(await createCategory(handle.db, admin, { name: `SHIPPING ${tag}` })).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { name: ['A category with this name exists already.'] },
    });
    for (const name of ['', '   ', 'a\u0000b', 'x'.repeat(81)])
      expect(await createCategory(handle.db, admin, { name })).toMatchObject({
        ok: false,
        code: 'invalid',
        fieldErrors: { name: [expect.any(String)] },
      });
    expect(
      await createCategory(handle.db, admin, { name: `Other ${tag}`, defaultTeamId: crypto.randomUUID() }),
    ).toMatchObject({ ok: false, fieldErrors: { defaultTeamId: ['Choose a valid team.'] } });
    const other = must(await createCategory(handle.db, admin, { name: `Parcel ${tag}` }));
    expect(await updateCategory(handle.db, admin, { id: other.id, name: `shipping ${tag}` })).toMatchObject({
      ok: false,
      fieldErrors: { name: ['A category with this name exists already.'] },
    });
  });

  it('is for admins only', async () => {
    for (const who of [lead, agent])
      expect(await createCategory(handle.db, who, { name: `Nope ${tag}` })).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
  });
});

describe('a retired category', () => {
  it('stays on old requests, leaves every list of choices, and is refused by every use case that sets one', async () => {
    const category = must(await createCategory(handle.db, admin, { name: `Fax ${tag}`, defaultTeamId: teamId }));
    const active = must(await createCategory(handle.db, admin, { name: `Web ${tag}`, defaultTeamId: teamId }));
    const old = must(
      await submitRequest(handle.db, customer, {
        subject: 'Old fax',
        description: 'Sent by fax.',
        categoryId: category.id,
      }),
    );
    const identified = must(
      await identifyTicket(handle.db, agent, {
        number: old.number,
        version: old.version,
        categoryId: category.id,
        severity: 3,
        impact: 'single',
      }),
    );

    must(await setCategoryRetired(handle.db, admin, { id: category.id, retired: 'true' }));
    expect((await audits(category.id)).at(-1)).toMatchObject({
      action: 'category.retired',
      before: { retired: false },
      after: { retired: true },
    });

    // Forms: gone from the choices, kept for filters (with its flag) and on the old request.
    expect((await listActiveCategories(handle.db)).map((c) => c.id)).not.toContain(category.id);
    expect((await getReferenceData(handle.db)).categories.map((c) => c.id)).not.toContain(category.id);
    expect((await listAllCategories(handle.db)).find((c) => c.id === category.id)).toMatchObject({ retired: true });
    const view = await getTicketForStaff(handle.db, agent, old.number);
    expect(view).toMatchObject({ categoryName: `Fax ${tag}`, categoryRetired: true });

    // Use cases: refused with a field error.
    const refused = { ok: false, code: 'invalid', fieldErrors: { categoryId: [RETIRED_CATEGORY] } };
    expect(
      await submitRequest(handle.db, customer, { subject: 'New fax', description: 'Again.', categoryId: category.id }),
    ).toMatchObject(refused);
    expect(
      await logContact(handle.db, agent, {
        channel: 'phone',
        customerName: 'Phoned In',
        customerPhone: '+1 555 0100',
        subject: 'Fax',
        description: 'By phone.',
        categoryId: category.id,
      }),
    ).toMatchObject(refused);
    const fresh = must(await submitRequest(handle.db, customer, { subject: 'Fresh', description: 'New one.' }));
    expect(
      await identifyTicket(handle.db, agent, {
        number: fresh.number,
        version: fresh.version,
        categoryId: category.id,
        severity: 3,
        impact: 'single',
      }),
    ).toMatchObject(refused);
    expect(
      await bulkUpdate(handle.db, agent, {
        numbers: [fresh.number],
        change: { kind: 'category', categoryId: category.id },
      }),
    ).toMatchObject(refused);
    expect(
      await createMacro(handle.db, agent, { title: 'Fax', body: 'Fax it.', setCategoryId: category.id }),
    ).toMatchObject({ ok: false, fieldErrors: { setCategoryId: [RETIRED_CATEGORY] } });

    // Keeping it on the request that has it is not a change; moving off it is allowed.
    const kept = must(
      await identifyTicket(handle.db, agent, {
        number: old.number,
        version: identified.version,
        categoryId: category.id,
        severity: 2,
        impact: 'single',
      }),
    );
    expect(kept.categoryId).toBe(category.id);
    const moved = must(
      await identifyTicket(handle.db, agent, {
        number: old.number,
        version: kept.version,
        categoryId: active.id,
        severity: 2,
        impact: 'single',
      }),
    );
    expect(moved.categoryId).toBe(active.id);

    // Restored: offered again.
    must(await setCategoryRetired(handle.db, admin, { id: category.id, retired: 'false' }));
    expect((await listActiveCategories(handle.db)).map((c) => c.id)).toContain(category.id);
    expect((await audits(category.id)).at(-1)).toMatchObject({ action: 'category.restored' });
  });
});

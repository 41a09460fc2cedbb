import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, macros } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { createMacro, listMacros } from './macros';
import { createSharedMacro, deleteMacro, listManagedMacros, updateMacro } from './manage-macros';

let handle: DbHandle;
let admin: Actor;
let lead: Actor;
let agent: Actor;
let agent2: Actor;
let categoryId: string;

beforeAll(async () => {
  handle = testDb();
  ({ categoryId } = await makeTeamAndCategory(handle.db));
  admin = await makeStaff(handle.db, 'admin');
  lead = await makeStaff(handle.db, 'lead');
  agent = await makeStaff(handle.db, 'agent');
  agent2 = await makeStaff(handle.db, 'agent');
});
afterAll(() => handle.close());

const audits = (id: string) =>
  handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'macro'), eq(auditLog.entityId, id)))
    .orderBy(auditLog.id);

describe('shared macros (admins)', () => {
  it('are created, edited and deleted by admins, each change audited', async () => {
    const macro = must(
      await createSharedMacro(handle.db, admin, {
        title: 'Welcome',
        body: 'Hello {{customer.name}}',
        scope: 'personal',
      }),
    );
    expect(macro).toMatchObject({ scope: 'shared', ownerId: admin.userId });
    const edited = must(
      await updateMacro(handle.db, admin, {
        id: macro.id,
        title: 'Welcome back',
        body: 'Hello again {{customer.name}}',
        setStatus: 'pending',
        setPriority: '2',
        setCategoryId: categoryId,
      }),
    );
    expect(edited).toMatchObject({
      title: 'Welcome back',
      setStatus: 'pending',
      setPriority: 2,
      setCategoryId: categoryId,
    });
    expect(await listManagedMacros(handle.db, admin, 'shared')).toContainEqual(
      expect.objectContaining({ id: macro.id, ownerName: 'Test admin' }),
    );
    expect(must(await deleteMacro(handle.db, admin, { id: macro.id }))).toEqual({ title: 'Welcome back' });
    expect(await handle.db.select().from(macros).where(eq(macros.id, macro.id))).toEqual([]);
    expect(await audits(macro.id)).toMatchObject([
      { action: 'macro.created', after: { title: 'Welcome' } },
      {
        action: 'macro.updated',
        before: { title: 'Welcome', setStatus: null },
        after: { title: 'Welcome back', setStatus: 'pending', setPriority: 2 },
      },
      { action: 'macro.deleted', before: { title: 'Welcome back' } },
    ]);
  });

  it('refuses bad input with field messages', async () => {
    const macro = must(await createSharedMacro(handle.db, admin, { title: 'Valid', body: 'Text' }));
    const bad: [Record<string, unknown>, string][] = [
      [{ title: '', body: 'x' }, 'title'],
      [{ title: 'x'.repeat(121), body: 'x' }, 'title'],
      [{ title: 'a\u0000', body: 'x' }, 'title'],
      [{ title: 'x', body: '' }, 'body'],
      [{ title: 'x', body: 'Hi {{customer.shoe}}' }, 'body'],
      [{ title: 'x', body: 'x', setStatus: 'closed' }, 'setStatus'],
      [{ title: 'x', body: 'x', setCategoryId: crypto.randomUUID() }, 'setCategoryId'],
    ];
    for (const [input, field] of bad) {
      expect(await updateMacro(handle.db, admin, { id: macro.id, ...input }), JSON.stringify(input)).toMatchObject({
        ok: false,
        code: 'invalid',
        fieldErrors: { [field]: [expect.any(String)] },
      });
      expect(await createSharedMacro(handle.db, admin, input), JSON.stringify(input)).toMatchObject({
        ok: false,
        fieldErrors: { [field]: [expect.any(String)] },
      });
    }
    expect(await updateMacro(handle.db, admin, { id: crypto.randomUUID(), title: 'x', body: 'x' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('an agent uses a shared macro but cannot change it; another agent’s personal macro is not found', async () => {
    const shared = must(await createSharedMacro(handle.db, admin, { title: 'Shared one', body: 'Text' }));
    expect((await listMacros(handle.db, agent)).map((m) => m.id)).toContain(shared.id);
    expect(await createSharedMacro(handle.db, lead, { title: 'Lead', body: 'x' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    for (const who of [agent, lead]) {
      expect(await updateMacro(handle.db, who, { id: shared.id, title: 'Mine now', body: 'x' })).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
      expect(await deleteMacro(handle.db, who, { id: shared.id })).toMatchObject({ ok: false, code: 'forbidden' });
    }

    const personal = must(await createMacro(handle.db, agent2, { title: 'Private', body: 'Mine' }));
    for (const who of [agent, admin]) {
      expect(await updateMacro(handle.db, who, { id: personal.id, title: 'Taken', body: 'x' })).toMatchObject({
        ok: false,
        code: 'not_found',
      });
      expect(await deleteMacro(handle.db, who, { id: personal.id })).toMatchObject({ ok: false, code: 'not_found' });
    }
    expect((await handle.db.select().from(macros).where(eq(macros.id, personal.id)))[0]).toMatchObject({
      title: 'Private',
    });
  });
});

describe('personal macros', () => {
  it('their owner edits and deletes them, unaudited (not an admin change)', async () => {
    const mine = must(await createMacro(handle.db, agent, { title: 'Mine', body: 'Text' }));
    expect((await listManagedMacros(handle.db, agent, 'personal')).map((m) => m.id)).toEqual([mine.id]);
    expect(
      must(await updateMacro(handle.db, agent, { id: mine.id, title: 'Still mine', body: 'Text 2' })),
    ).toMatchObject({ title: 'Still mine', scope: 'personal' });
    must(await deleteMacro(handle.db, agent, { id: mine.id }));
    expect(await listManagedMacros(handle.db, agent, 'personal')).toEqual([]);
    expect(await audits(mine.id)).toEqual([]);
  });

  it('a lead edits the shared macro they created (from the ticket page) but not an admin’s', async () => {
    const own = must(await createMacro(handle.db, lead, { title: 'Lead shared', body: 'x', scope: 'shared' }));
    must(await updateMacro(handle.db, lead, { id: own.id, title: 'Lead shared 2', body: 'y' }));
    expect((await audits(own.id)).map((a) => a.action)).toEqual(['macro.updated']);
  });
});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { announcements, auditLog } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { renderMarkdown } from '@/lib/help/markdown';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { makeCustomer, makeStaff, must, testDb } from '@/lib/testing/fixtures';
import {
  closeAnnouncement,
  editAnnouncement,
  listAnnouncementsForStaff,
  listOpenAnnouncements,
  postAnnouncement,
} from './announcements';

let handle: DbHandle;
let agent: Actor;
let lead: Actor;
let customer: Actor;

beforeAll(async () => {
  handle = testDb();
  agent = await makeStaff(handle.db, 'agent');
  lead = await makeStaff(handle.db, 'lead');
  customer = await makeCustomer(handle.db, 'Announcement Customer');
});
afterAll(() => handle.close());

const audits = (id: string) =>
  handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'announcement'), eq(auditLog.entityId, id)));

describe('known problems', () => {
  it('an agent posts, a lead edits and closes; each change is audited and the banner follows', async () => {
    const title = `Card payments are failing since 10:00; we are on it ${Date.now()}`;
    const posted = must(await postAnnouncement(handle.db, agent, { title, body: 'Use **PayPal** meanwhile.' }));
    expect(posted).toMatchObject({ title, createdBy: agent.userId, closedAt: null, ticketId: null });
    expect((await listOpenAnnouncements(handle.db)).map((a) => a.id)).toContain(posted.id);

    const edited = must(
      await editAnnouncement(handle.db, lead, { id: posted.id, title, body: 'Fixed for most; a few still fail.' }),
    );
    expect(edited.body).toBe('Fixed for most; a few still fail.');
    // Saving the same text changes nothing and logs nothing.
    must(await editAnnouncement(handle.db, lead, { id: posted.id, title, body: 'Fixed for most; a few still fail.' }));

    const closed = must(await closeAnnouncement(handle.db, lead, { id: posted.id }));
    expect(closed).toMatchObject({ closedBy: lead.userId });
    expect(closed.closedAt).toBeInstanceOf(Date);
    must(await closeAnnouncement(handle.db, lead, { id: posted.id })); // a double click
    expect((await listOpenAnnouncements(handle.db)).map((a) => a.id)).not.toContain(posted.id);
    const staffList = await listAnnouncementsForStaff(handle.db, agent);
    expect(staffList.find((a) => a.id === posted.id)).toMatchObject({ closedByName: lead.name });

    expect((await audits(posted.id)).map((a) => a.action).sort()).toEqual([
      'announcement.closed',
      'announcement.edited',
      'announcement.posted',
    ]);
    expect(await editAnnouncement(handle.db, lead, { id: posted.id, title: 'Again', body: '' })).toMatchObject({
      ok: false,
      code: 'unprocessable',
    });
  });

  it('links to a request by number or CERN; an unknown one is a field error', async () => {
    const t = must(
      await submitRequest(handle.db, customer, { subject: 'Payments down', description: 'Card refused.' }),
    );
    const linked = must(await postAnnouncement(handle.db, agent, { title: 'Payments', ticket: `#${t.number}` }));
    expect(linked.ticketId).toBe(t.id);
    const unknown = await postAnnouncement(handle.db, agent, { title: 'Payments', ticket: '#2147483000' });
    expect(unknown).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { ticket: ['No request has this number.'] },
    });
    const badCern = await postAnnouncement(handle.db, agent, { title: 'Payments', ticket: 'CERN-1999-999999' });
    expect(badCern).toMatchObject({ ok: false, fieldErrors: { ticket: ['No request has this CERN.'] } });
    const nonsense = await postAnnouncement(handle.db, agent, { title: 'Payments', ticket: 'yesterday' });
    expect(nonsense).toMatchObject({ ok: false, fieldErrors: { ticket: [expect.stringContaining('#1042')] } });
    must(await closeAnnouncement(handle.db, agent, { id: linked.id }));
  });

  it('customers may not post or close; bad input is refused with field messages and nothing stored', async () => {
    const before = (await handle.db.select({ id: announcements.id }).from(announcements)).length;
    expect(await postAnnouncement(handle.db, customer, { title: 'Everything is broken' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const open = must(await postAnnouncement(handle.db, agent, { title: 'Slow e-mail' }));
    expect(await closeAnnouncement(handle.db, customer, { id: open.id })).toMatchObject({ code: 'forbidden' });
    expect(await editAnnouncement(handle.db, customer, { id: open.id, title: 'Mine' })).toMatchObject({
      code: 'forbidden',
    });

    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'title'],
      [{ title: '   ' }, 'title'],
      [{ title: 'x'.repeat(121) }, 'title'],
      [{ title: 'Nul \u0000 byte' }, 'title'],
      [{ title: 'Fine', body: 'y'.repeat(2001) }, 'body'],
      [{ title: 'Fine', body: 'Nul \u0000' }, 'body'],
      [{}, 'title'],
    ];
    for (const [input, field] of cases) {
      const result = await postAnnouncement(handle.db, agent, input);
      expect(result, JSON.stringify(input).slice(0, 40)).toMatchObject({ ok: false, code: 'invalid' });
      if (!result.ok) expect(Object.keys(result.fieldErrors ?? {})).toContain(field);
    }
    expect(await closeAnnouncement(handle.db, agent, { id: 'not-a-uuid' })).toMatchObject({ code: 'invalid' });
    expect(await closeAnnouncement(handle.db, agent, { id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      code: 'not_found',
    });
    must(await closeAnnouncement(handle.db, agent, { id: open.id }));
    expect((await handle.db.select({ id: announcements.id }).from(announcements)).length).toBe(before + 1);
  });

  it('hostile Markdown is stored as written and rendered inert', async () => {
    const body = '<script>alert(1)</script><img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))';
    const posted = must(await postAnnouncement(handle.db, agent, { title: 'Hostile', body }));
    expect(posted.body).toBe(body);
    const html = renderMarkdown(posted.body);
    expect(html).not.toMatch(/<script|onerror|href="javascript:/i);
    expect(html).toContain('click');
    must(await closeAnnouncement(handle.db, agent, { id: posted.id }));
  });
});

import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { appSettings, auditLog, surveys, ticketEvents } from '@/db/schema';
import { addAttachment } from '@/lib/attachments/add-attachment';
import type { Actor } from '@/lib/auth/actor';
import { answerSurvey } from '@/lib/pipeline/answer-survey';
import { identifyTicket } from '@/lib/pipeline/identify-ticket';
import { resolveTicket } from '@/lib/pipeline/resolve-ticket';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { makeCustomer, makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { getSettings } from './settings';
import { updateSettings } from './update-settings';

let handle: DbHandle;
let admin: Actor;
let lead: Actor;
let agent: Actor;
let customer: Actor;
let categoryId: string;
let saved: (typeof appSettings.$inferSelect)[];

beforeAll(async () => {
  handle = testDb();
  // Settings are global: keep what was there and put it back afterwards.
  saved = await handle.db.select().from(appSettings);
  const team = await makeTeamAndCategory(handle.db);
  categoryId = team.categoryId;
  admin = await makeStaff(handle.db, 'admin');
  lead = await makeStaff(handle.db, 'lead');
  agent = await makeStaff(handle.db, 'agent', team.teamId);
  customer = await makeCustomer(handle.db, 'Settings Customer');
});
afterAll(async () => {
  await handle.db.delete(appSettings);
  if (saved.length > 0) await handle.db.insert(appSettings).values(saved);
  await handle.close();
});

const lastAudit = async () =>
  (
    await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'setting'), eq(auditLog.actorUserId, admin.userId)))
      .orderBy(auditLog.id)
  ).at(-1);

async function resolvedRequest(subject: string) {
  const t = must(await submitRequest(handle.db, customer, { subject, description: 'For the settings test.' }));
  const identified = must(
    await identifyTicket(handle.db, agent, {
      number: t.number,
      version: t.version,
      categoryId,
      severity: 3,
      impact: 'single',
    }),
  );
  return must(
    await resolveTicket(handle.db, agent, { number: t.number, version: identified.version, summary: 'Done.' }),
  );
}

describe('settings', () => {
  it('round-trips each group, records before → after, and a save without change records nothing', async () => {
    must(await updateSettings(handle.db, admin, { group: 'followUpDays', followUpDays: '7' }));
    expect(must(await updateSettings(handle.db, admin, { group: 'followUpDays', followUpDays: '12' }))).toEqual({
      key: 'followUpDays',
      changed: true,
    });
    expect((await getSettings(handle.db)).followUpDays).toBe(12);
    expect(await lastAudit()).toMatchObject({
      action: 'setting.changed',
      entityId: 'followUpDays',
      before: { value: 7 },
      after: { value: 12 },
    });
    const before = await lastAudit();
    expect(must(await updateSettings(handle.db, admin, { group: 'followUpDays', followUpDays: '12' })).changed).toBe(
      false,
    );
    expect((await lastAudit())?.id).toBe(before?.id);

    must(
      await updateSettings(handle.db, admin, {
        group: 'mail',
        supportAddress: ' Help@Example.COM ',
        supportName: 'Example Help',
      }),
    );
    expect((await getSettings(handle.db)).mail).toEqual({
      supportAddress: 'help@example.com',
      supportName: 'Example Help',
    });
    expect(await lastAudit()).toMatchObject({ entityId: 'mail', after: { supportAddress: 'help@example.com' } });

    must(await updateSettings(handle.db, admin, { group: 'attachments', maxMegabytes: '2.5' }));
    expect((await getSettings(handle.db)).attachments.maxBytes).toBe(2.5 * 1024 * 1024);
  });

  it('refuses invalid values with field messages, and non-admins', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ group: 'followUpDays', followUpDays: '91' }, 'followUpDays'],
      [{ group: 'followUpDays', followUpDays: '-1' }, 'followUpDays'],
      [{ group: 'followUpDays', followUpDays: '1.5' }, 'followUpDays'],
      [{ group: 'followUpDays', followUpDays: 'soon' }, 'followUpDays'],
      [{ group: 'attachments', maxMegabytes: '101' }, 'maxMegabytes'],
      [{ group: 'attachments', maxMegabytes: '0' }, 'maxMegabytes'],
      [{ group: 'mail', supportAddress: 'not an address', supportName: 'X' }, 'supportAddress'],
      [{ group: 'mail', supportAddress: 'a@b.example', supportName: '' }, 'supportName'],
      [{ group: 'mail', supportAddress: 'a@b.example', supportName: 'Nul\u0000' }, 'supportName'],
      [{ group: 'mail', supportAddress: 'a@b.example', supportName: 'x'.repeat(101) }, 'supportName'],
      [{ group: 'survey', enabled: 'on' }, 'enabled'],
    ];
    for (const [input, field] of cases)
      expect(await updateSettings(handle.db, admin, input), JSON.stringify(input)).toMatchObject({
        ok: false,
        code: 'invalid',
        fieldErrors: { [field]: [expect.any(String)] },
      });
    expect(await updateSettings(handle.db, admin, { group: 'nothing' })).toMatchObject({ ok: false, code: 'invalid' });
    for (const who of [lead, agent])
      expect(await updateSettings(handle.db, who, { group: 'followUpDays', followUpDays: '3' })).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
  });

  it('the attachment limit set here is the one the attachment use case enforces', async () => {
    const t = must(await submitRequest(handle.db, customer, { subject: 'Files', description: 'With files.' }));
    must(await updateSettings(handle.db, admin, { group: 'attachments', maxMegabytes: '0.01' })); // 10,486 bytes
    const file = (size: number) => ({
      number: t.number,
      filename: 'notes.txt',
      contentType: 'text/plain',
      data: new Uint8Array(size).fill(97),
    });
    expect(await addAttachment(handle.db, customer, file(20_000))).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { file: [expect.stringContaining('limit')] },
    });
    must(await addAttachment(handle.db, customer, file(5_000)));
    must(await updateSettings(handle.db, admin, { group: 'attachments', maxMegabytes: '1' }));
    must(await addAttachment(handle.db, customer, file(20_000)));
  });

  it('no survey is sent while the survey is off; the survey asks only the chosen questions', async () => {
    must(await updateSettings(handle.db, admin, { group: 'survey', askCsat: 'on' }));
    const off = await resolvedRequest('No survey');
    expect(await handle.db.select().from(surveys).where(eq(surveys.ticketId, off.id))).toEqual([]);
    const events = await handle.db
      .select({ type: ticketEvents.type })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, off.id), inArray(ticketEvents.type, ['resolved', 'survey_sent'])));
    expect(events.map((e) => e.type)).toEqual(['resolved']);

    must(await updateSettings(handle.db, admin, { group: 'survey', enabled: 'on', askCsat: 'on' }));
    expect((await getSettings(handle.db)).survey).toEqual({
      enabled: true,
      askCsat: true,
      askNps: false,
      askComment: false,
      askFixed: false,
      sendAfter: 'resolved',
      delayHours: 0,
      reminderDays: 0,
      perCustomerDays: 0,
    });
    const on = await resolvedRequest('CSAT only');
    expect(await answerSurvey(handle.db, customer, { number: on.number, nps: '9' })).toMatchObject({
      ok: false,
      fieldErrors: { csat: [expect.any(String)] },
    });
    const answered = must(
      await answerSurvey(handle.db, customer, { number: on.number, csat: '5', nps: '9', comment: 'Not asked' }),
    );
    expect(answered.survey).toMatchObject({ csat: 5, nps: null, comment: null });
    must(
      await updateSettings(handle.db, admin, {
        group: 'survey',
        enabled: 'on',
        askCsat: 'on',
        askNps: 'on',
        askComment: 'on',
      }),
    );
  });
});

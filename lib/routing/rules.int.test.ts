import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, customers, organizations, routingRules, ticketEvents, tickets, ticketTags } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { applyMacro, createMacro } from '@/lib/macros/macros';
import { bulkUpdate } from '@/lib/pipeline/bulk-update';
import { customerReply } from '@/lib/pipeline/customer-reply';
import { saveProperties } from '@/lib/pipeline/save-properties';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { slaDueTimes } from '@/lib/sla/targets';
import { DEFAULT_SLA_CONTEXT, targetsFor } from '@/lib/sla/policies';

/** The built-in targets of a priority (these tests set no SLA policy). */
const builtIn = (priority: number) =>
  targetsFor(DEFAULT_SLA_CONTEXT, { priority, categoryId: null, organizationId: null });
import { loadTicket, makeCustomer, makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { tagsOf } from '@/lib/tickets/tags';
import { createRule, deleteRule, moveRule, setRuleActive, tryRules, updateRule, type RuleInput } from './manage-rules';

/*
 * Routing rules on real PostgreSQL. Every rule here names a word made up for this run, so the
 * rules cannot touch requests of other test files sharing the database; they are deleted after.
 */

let handle: DbHandle;
let admin: Actor;
let agent: Actor;
let customer: Actor;
let billing: { teamId: string; categoryId: string };
let other: { teamId: string; categoryId: string };
const word = `zq${randomUUID().slice(0, 6)}`;
const created: string[] = [];

beforeAll(async () => {
  handle = testDb();
  billing = await makeTeamAndCategory(handle.db);
  other = await makeTeamAndCategory(handle.db);
  admin = await makeStaff(handle.db, 'admin');
  agent = await makeStaff(handle.db, 'agent', billing.teamId);
  customer = await makeCustomer(handle.db, 'Rules Customer');
});
afterAll(async () => {
  if (created.length) await handle.db.delete(routingRules).where(inArray(routingRules.id, created));
  await handle.close();
});

const rule = async (input: Partial<RuleInput> & { name: string }) => {
  const r = must(await createRule(handle.db, admin, { runOn: 'created', active: true, ...input }));
  created.push(r.id);
  return r;
};
const submit = (subject: string, description = 'Nothing special in the body here.') =>
  submitRequest(handle.db, customer, { subject, description }).then(must);
const eventsOf = (id: string) =>
  handle.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id)).orderBy(asc(ticketEvents.id));

describe('on creation', () => {
  it('sets team, category, priority and tags; each change an event naming the rule; SLA due times follow', async () => {
    const r = await rule({
      name: `Billing ${word}`,
      words: `${word}, invoice-${word}`,
      setTeamId: billing.teamId,
      setCategoryId: billing.categoryId,
      setPriority: '1',
      addTags: `vip, ${word}`,
      exceptionCandidate: true,
    });
    const t = await submit(`Question about ${word.toUpperCase()}!`);
    const saved = await loadTicket(handle.db, t.id);
    expect(saved).toMatchObject({ teamId: billing.teamId, categoryId: billing.categoryId, priority: 1 });
    expect(saved.firstResponseDueAt).toEqual(slaDueTimes(saved.createdAt, builtIn(1)).firstResponseDueAt);
    expect(saved.resolutionDueAt).toEqual(slaDueTimes(saved.createdAt, builtIn(1)).resolutionDueAt);
    expect(await tagsOf(handle.db, t.id)).toEqual(['exception-candidate', 'vip', word].sort());
    const byRule = (await eventsOf(t.id)).filter((e) => e.data?.rule === r.name);
    expect(byRule.map((e) => [e.type, e.data?.action ?? e.data?.field ?? null, e.toValue])).toEqual([
      ['rule_applied', 'category', billing.categoryId],
      ['rule_applied', 'priority', '1'],
      ['assigned', 'team', billing.teamId],
      ['tagged', null, `vip, ${word}`],
      ['rule_applied', 'exception_candidate', 'exception-candidate'],
    ]);
    expect(byRule.every((e) => e.actorUserId === null && e.data?.ruleId === r.id)).toBe(true);
  });

  it('inactive rules and rules for updates only are ignored on creation; stop ends the pass', async () => {
    const w = `${word}stop`;
    const off = await rule({ name: `Off ${w}`, words: w, addTags: 'inactive-rule' });
    must(await setRuleActive(handle.db, admin, { id: off.id, active: false }));
    await rule({ name: `Update only ${w}`, words: w, addTags: 'update-only', runOn: 'updated' });
    await rule({ name: `Stopper ${w}`, words: w, addTags: 'stopped-here', stopProcessing: true });
    await rule({ name: `After ${w}`, words: w, addTags: 'never' });
    const t = await submit(`About ${w}`);
    expect(await tagsOf(handle.db, t.id)).toEqual(['stopped-here']);
  });

  it('an assignee outside the team is skipped (with the reason in the dry run), never a failed request', async () => {
    const w = `${word}assign`;
    const outsider = await makeStaff(handle.db, 'agent', other.teamId);
    await rule({ name: `Assign ${w}`, words: w, setTeamId: billing.teamId, assigneeId: outsider.userId });
    const t = await submit(`About ${w}`);
    const saved = await loadTicket(handle.db, t.id);
    expect(saved.teamId).toBe(billing.teamId);
    expect(saved.assigneeId).toBeNull();
    const trial = must(await tryRules(handle.db, admin, { number: `#${t.number}` }));
    const match = trial.rules.find((x) => x.name === `Assign ${w}`);
    expect(match?.changes.find((c) => c.kind === 'assign')?.skipped).toMatch(/not an active member/);
  });

  it('organization and e-mail domain conditions', async () => {
    const [org] = await handle.db
      .insert(organizations)
      .values({ name: `Org ${word}` })
      .returning();
    await handle.db.update(customers).set({ organizationId: org!.id }).where(eq(customers.id, customer.customerId!));
    const w = `${word}org`;
    await rule({ name: `Org ${w}`, words: w, organizationIds: [org!.id], addTags: 'key-account' });
    await rule({ name: `Domain ${w}`, words: w, emailDomains: 'test.example', addTags: 'test-domain' });
    await rule({ name: `Other domain ${w}`, words: w, emailDomains: 'elsewhere.org', addTags: 'elsewhere' });
    const t = await submit(`About ${w}`);
    expect(await tagsOf(handle.db, t.id)).toEqual(['key-account', 'test-domain']);
  });
});

describe('on update', () => {
  it('a customer reply runs rules for updates (its words count); the rule’s change does not run them again', async () => {
    const w = `${word}reply`;
    const r = await rule({ name: `Reply ${w}`, words: w, setPriority: '2', addTags: 'escalate', runOn: 'updated' });
    // Would loop if a rule's change ran the rules again: it matches the priority the first one sets.
    const second = await rule({
      name: `Chain ${w}`,
      priorities: ['2'],
      words: w,
      addTags: 'chained',
      runOn: 'updated',
    });
    const t = await submit('A plain request');
    expect(await tagsOf(handle.db, t.id)).toEqual([]);
    must(await customerReply(handle.db, customer, { number: t.number, body: `Now about ${w}.` }));
    const saved = await loadTicket(handle.db, t.id);
    expect(saved.priority).toBe(2);
    expect(saved.resolutionDueAt).toEqual(slaDueTimes(saved.createdAt, builtIn(2)).resolutionDueAt);
    // In one pass the second rule sees the first one's priority: both apply, once each.
    expect(await tagsOf(handle.db, t.id)).toEqual(['chained', 'escalate']);
    const events = (await eventsOf(t.id)).filter((e) => typeof e.data?.rule === 'string');
    expect(events.map((e) => e.data?.rule)).toEqual([r.name, r.name, second.name]);
    // A second reply changes nothing more (everything is already so): no new events.
    must(await customerReply(handle.db, customer, { number: t.number, body: `Again ${w}.` }));
    expect((await eventsOf(t.id)).filter((e) => typeof e.data?.rule === 'string')).toHaveLength(3);
  });

  it('staff changes run rules for updates: the properties panel and bulk changes', async () => {
    const w = `${word}staff`;
    await rule({
      name: `Staff ${w}`,
      categoryIds: [billing.categoryId],
      words: w,
      addTags: 'billing-ok',
      runOn: 'both',
    });
    const t = await submit(`Staff ${w}`);
    expect(await tagsOf(handle.db, t.id)).toEqual([]);
    const fresh = await loadTicket(handle.db, t.id);
    must(await saveProperties(handle.db, agent, { number: t.number, version: fresh.version, tagsAdd: 'first' }));
    expect(await tagsOf(handle.db, t.id)).toEqual(['first']);
    const outcome = must(
      await bulkUpdate(handle.db, agent, {
        numbers: [t.number],
        change: { kind: 'category', categoryId: billing.categoryId },
      }),
    );
    expect(outcome.changed).toEqual([t.number]);
    expect(await tagsOf(handle.db, t.id)).toEqual(['billing-ok', 'first']);
  });
});

describe('on update by a macro', () => {
  it('a macro that sets fields runs the rules for updates afterwards', async () => {
    const w = `${word}macro`;
    await rule({ name: `Macro ${w}`, words: w, priorities: ['1'], addTags: 'urgent-by-macro', runOn: 'updated' });
    const t = await submit(`Macro ${w}`);
    const macro = must(
      await createMacro(handle.db, agent, { title: `P1 ${w}`, body: 'We are on it.', setPriority: '1' }),
    );
    must(await applyMacro(handle.db, agent, { number: t.number, macroId: macro.id, visibility: 'internal' }));
    expect(await tagsOf(handle.db, t.id)).toEqual(['urgent-by-macro']);
  });
});

describe('admin', () => {
  it('try against a ticket changes nothing, and validates its input', async () => {
    const w = `${word}try`;
    const r = await rule({ name: `Try ${w}`, words: w, setPriority: '1', setTeamId: other.teamId });
    must(await setRuleActive(handle.db, admin, { id: r.id, active: false }));
    const t = await submit(`Try ${w}`); // the rule is off: nothing happened
    const before = await loadTicket(handle.db, t.id);
    const eventsBefore = (await eventsOf(t.id)).length;
    const off = must(await tryRules(handle.db, admin, { number: String(t.number) }));
    expect(off.rules.find((x) => x.name === r.name)).toBeUndefined();
    const trial = must(await tryRules(handle.db, admin, { number: ` #${t.number} `, includeInactive: 'on' }));
    const hit = trial.rules.find((x) => x.name === r.name)!;
    expect(hit).toMatchObject({ matched: true, active: false });
    expect(hit.changes.map((c) => [c.kind, c.fromLabel, c.toLabel])).toEqual([
      ['priority', 'P3', 'P1'],
      ['team', null, expect.stringMatching(/^Team /)],
    ]);
    expect(await loadTicket(handle.db, t.id)).toEqual(before);
    expect(await eventsOf(t.id)).toHaveLength(eventsBefore);

    for (const bad of ['', 'abc', '#-1', '99999999999'])
      expect((await tryRules(handle.db, admin, { number: bad })).ok).toBe(false);
    const missing = await tryRules(handle.db, admin, { number: '2000000000' });
    expect(missing).toMatchObject({ ok: false, code: 'not_found' });
    expect((await tryRules(handle.db, agent, { number: String(t.number) })).ok).toBe(false);
  });

  it('hostile input gets field errors, never an exception', async () => {
    const bad = await createRule(handle.db, admin, {
      name: 'A\u0000b',
      runOn: 'sometimes',
      channels: ['web', 'fax'],
      categoryIds: ['not-a-uuid'],
      words: Array.from({ length: 500 }, (_, i) => `w${i}`).join(','),
      emailDomains: '<script>alert(1)</script>',
      priorities: ['9'],
      addTags: 'ok, <b>bad</b>',
      setTeamId: randomUUID(),
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(
      expect.arrayContaining([
        'name',
        'runOn',
        'channels.1',
        'categoryIds.0',
        'words',
        'emailDomains.0',
        'priorities.0',
        'addTags.1',
      ]),
    );
    const noAction = await createRule(handle.db, admin, { name: `Nothing ${word}`, runOn: 'created' });
    expect(noAction).toMatchObject({ ok: false, fieldErrors: { actions: ['Choose at least one action.'] } });
    const unknownTeam = await createRule(handle.db, admin, {
      name: `Ghost ${word}`,
      runOn: 'created',
      setTeamId: randomUUID(),
    });
    expect(unknownTeam).toMatchObject({ ok: false, fieldErrors: { setTeamId: ['Choose a team from the list.'] } });
    const html = await rule({ name: `<img src=x onerror=alert(1)> ${word}`, words: `${word}html`, addTags: 'x' });
    expect(html.name).toContain('<img');
    const dup = await createRule(handle.db, admin, { name: html.name.toUpperCase(), runOn: 'created', addTags: 'x' });
    expect(dup).toMatchObject({ ok: false, fieldErrors: { name: ['A rule with this name exists already.'] } });
  });

  it('edits with a version check, moves, deletes with confirmation; every change audited', async () => {
    const a = await rule({ name: `A ${word}`, words: `${word}order`, addTags: 'a' });
    const b = await rule({ name: `B ${word}`, words: `${word}order`, addTags: 'b' });
    const edited = must(
      await updateRule(handle.db, admin, {
        id: a.id,
        version: a.version,
        name: `A2 ${word}`,
        runOn: 'both',
        words: `${word}order`,
        addTags: 'a',
      }),
    );
    expect(edited).toMatchObject({ name: `A2 ${word}`, runOn: 'both', active: false, version: a.version + 1 });
    const stale = await updateRule(handle.db, admin, {
      id: a.id,
      version: a.version,
      name: 'Late',
      runOn: 'both',
      addTags: 'a',
    });
    expect(stale).toMatchObject({ ok: false, code: 'conflict' });

    must(await moveRule(handle.db, admin, { id: b.id, direction: 'up' }));
    const order = await handle.db.select().from(routingRules).orderBy(asc(routingRules.position));
    const ids = order.map((r) => r.id);
    expect(ids.indexOf(b.id)).toBe(ids.indexOf(a.id) - 1);
    expect(new Set(order.map((r) => r.position)).size).toBe(order.length);

    expect((await deleteRule(handle.db, admin, { id: b.id })).ok).toBe(false);
    must(await deleteRule(handle.db, admin, { id: b.id, confirm: 'yes' }));
    expect(await handle.db.select().from(routingRules).where(eq(routingRules.id, b.id))).toEqual([]);
    const audit = await handle.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'routing_rule'), inArray(auditLog.entityId, [a.id, b.id])))
      .orderBy(asc(auditLog.id));
    expect(audit.map((x) => x.action)).toEqual([
      'routing_rule.created',
      'routing_rule.created',
      'routing_rule.updated',
      'routing_rule.moved',
      'routing_rule.deleted',
    ]);
  });

  it('closed requests are read-only: rules skip them', async () => {
    const w = `${word}closed`;
    await rule({ name: `Closed ${w}`, words: w, addTags: 'late', runOn: 'updated' });
    const t = await submit(`Closed ${w}`);
    await handle.db.update(tickets).set({ status: 'closed' }).where(eq(tickets.id, t.id));
    const trial = must(await tryRules(handle.db, admin, { number: String(t.number), trigger: 'updated' }));
    expect(trial).toMatchObject({ closed: true, rules: [] });
    expect(await handle.db.select().from(ticketTags).where(eq(ticketTags.ticketId, t.id))).toEqual([]);
  });
});

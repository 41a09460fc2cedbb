import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { ticketEvents, tickets, type Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import type { Result } from '@/lib/core/result';
import { loadTicket, makeCustomer, makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { tagsOf } from '@/lib/tickets/tags';
import { identifyTicket } from './identify-ticket';
import { mergeTickets } from './merge-tickets';
import { saveProperties } from './save-properties';
import { submitRequest } from './submit-request';
import { takeTicket } from './take-ticket';

/*
 * The properties panel saves identification, status and tags together: one transaction, one
 * version check, each part through its own rules. A refusal of any part saves none of them.
 */

let handle: DbHandle;
let agent: Actor;
let outsider: Actor;
let customer: Actor;
let team: { teamId: string; categoryId: string };
let otherTeam: { teamId: string; categoryId: string };

beforeAll(async () => {
  handle = testDb();
  team = await makeTeamAndCategory(handle.db);
  otherTeam = await makeTeamAndCategory(handle.db);
  agent = await makeStaff(handle.db, 'agent', team.teamId);
  outsider = await makeStaff(handle.db, 'agent', otherTeam.teamId);
  customer = await makeCustomer(handle.db, 'Properties Customer');
});
afterAll(() => handle.close());

const load = (id: string): Promise<Ticket> => loadTicket(handle.db, id);
const eventsOf = async (id: string) =>
  handle.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id)).orderBy(asc(ticketEvents.createdAt));

/** Taken by `agent` (so it has an assignee) and identified at P3 with an override to P2. */
async function takenAndIdentified() {
  const t = must(
    await submitRequest(handle.db, customer, { subject: 'Properties', description: 'For the properties panel tests.' }),
  );
  const taken = must(await takeTicket(handle.db, agent, { number: t.number, version: t.version }));
  return must(
    await identifyTicket(handle.db, agent, {
      number: t.number,
      version: taken.version,
      categoryId: team.categoryId,
      severity: 3,
      impact: 'single',
      priorityOverride: '2',
      overrideReason: 'Key account, promised a callback',
    }),
  );
}

/** What the panel posts for an identification change (the assignee left out = keep). */
const identify = (t: Ticket, over: Record<string, string> = {}) => ({
  number: String(t.number),
  version: String(t.version),
  identify: '1',
  categoryId: team.categoryId,
  severity: '2',
  impact: 'many',
  teamId: '',
  priorityOverride: '',
  overrideReason: '',
  ...over,
});

describe('saving the properties panel', () => {
  it('saves identification, status and tags together, in one version check, with every event', async () => {
    const t = await takenAndIdentified();
    const saved = must(
      await saveProperties(handle.db, agent, {
        ...identify(t),
        status: 'pending',
        tagsAdd: 'vip, refund',
        tagsRemove: '',
      }),
    );
    expect(saved.changed).toEqual(['identification', 'status', 'tags']);
    expect(saved.tags).toEqual(['refund', 'vip']);
    const after = await load(t.id);
    expect(after).toMatchObject({
      severity: 2,
      impact: 'many',
      priority: 1,
      priorityOverrideReason: null,
      status: 'pending',
      assigneeId: agent.userId,
    });
    expect(after.slaPausedAt).not.toBeNull();
    const types = (await eventsOf(t.id)).map((e) => e.type);
    expect(types.slice(-3)).toEqual(['identified', 'status_changed', 'tagged']);
  });

  it('saves nothing when a later part is refused: stored values, override and assignee are kept', async () => {
    const t = await takenAndIdentified();
    const before = await load(t.id);
    const eventsBefore = (await eventsOf(t.id)).length;
    // Identification and status are fine; the tag is not.
    const result = await saveProperties(handle.db, agent, {
      ...identify(t),
      status: 'on_hold',
      tagsAdd: 'vip, not a tag!',
      tagsRemove: '',
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { tags: ['Tags are 1–40 letters, digits, - or _.'] },
    });
    expect(await load(t.id)).toEqual(before);
    expect(before).toMatchObject({
      severity: 3,
      impact: 'single',
      priority: 2,
      priorityOverrideReason: 'Key account, promised a callback',
      status: 'open',
      assigneeId: agent.userId,
    });
    expect(await eventsOf(t.id)).toHaveLength(eventsBefore);
    expect(await tagsOf(handle.db, t.id)).toEqual([]);
  });

  it('saves nothing when the rules refuse a part: an assignee outside the team keeps the status and tags as they were', async () => {
    const t = await takenAndIdentified();
    const before = await load(t.id);
    const result = await saveProperties(handle.db, agent, {
      ...identify(t, { assigneeId: outsider.userId }),
      status: 'pending',
      tagsAdd: 'vip',
    });
    expect(result).toMatchObject({ ok: false, code: 'invalid' });
    if (!result.ok) expect(result.fieldErrors?.assigneeId?.[0]).toMatch(/is not an active member of/);
    expect(await load(t.id)).toEqual(before);
    expect(await tagsOf(handle.db, t.id)).toEqual([]);
  });

  it('checks the version once, for every part, tags included', async () => {
    const t = await takenAndIdentified();
    const result = await saveProperties(handle.db, agent, {
      number: String(t.number),
      version: String(t.version - 1),
      tagsAdd: 'vip',
    });
    expect(result).toMatchObject({ ok: false, code: 'conflict' });
    expect(await tagsOf(handle.db, t.id)).toEqual([]);
  });

  it('keeps the assignee when the form leaves it out, unassigns on an empty value', async () => {
    const t = await takenAndIdentified();
    const kept = must(await saveProperties(handle.db, agent, identify(t)));
    expect(kept.ticket.assigneeId).toBe(agent.userId);
    const cleared = must(await saveProperties(handle.db, agent, identify(kept.ticket, { assigneeId: '' })));
    expect(cleared.ticket.assigneeId).toBeNull();
  });

  it('changes the status alone through the state machine, and refuses what it does not allow', async () => {
    const t = await takenAndIdentified();
    const held = must(
      await saveProperties(handle.db, agent, {
        number: String(t.number),
        version: String(t.version),
        status: 'on_hold',
      }),
    );
    expect(held).toMatchObject({ changed: ['status'], ticket: { status: 'on_hold' } });
    const dup = await takenAndIdentified();
    must(await mergeTickets(handle.db, agent, { number: dup.number, into: t.number }));
    const closed = await load(dup.id);
    const refused = await saveProperties(handle.db, agent, {
      number: String(closed.number),
      version: String(closed.version),
      status: 'open',
      tagsAdd: 'vip',
    });
    expect(refused).toMatchObject({ ok: false, code: 'unprocessable' });
    expect(await tagsOf(handle.db, dup.id)).toEqual([]);
  });

  it('saves nothing, reports nothing changed, when nothing changed', async () => {
    const t = await takenAndIdentified();
    const saved = must(
      await saveProperties(handle.db, agent, {
        number: String(t.number),
        version: String(t.version),
        tagsAdd: '',
        tagsRemove: '',
      }),
    );
    expect(saved.changed).toEqual([]);
    expect((await load(t.id)).version).toBe(t.version);
  });
});

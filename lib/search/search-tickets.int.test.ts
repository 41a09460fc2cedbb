import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { messages, tickets } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { identifyTicket } from '@/lib/pipeline/identify-ticket';
import { logContact } from '@/lib/pipeline/log-contact';
import { raiseException } from '@/lib/pipeline/raise-exception';
import { replyToTicket } from '@/lib/pipeline/reply-to-ticket';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { AppError } from '@/lib/core/result';
import { makeCustomer, makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { MARK_END, MARK_START, plainText } from './highlight';
import { searchTickets, type SearchRow } from './search-tickets';

// The database is shared with other suites and earlier runs: every word searched for is made up
// fresh here, so only this run's tickets can match it.
const word = () => `zq${Array.from({ length: 8 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;

let handle: DbHandle;
let agent: Actor;
let customer: Actor;
let teamId: string;
let categoryId: string;
let otherTeamId: string;

const submit = async (subject: string, description = 'It started after the last update.', who = customer) =>
  must(await submitRequest(handle.db, who, { subject, description }));

async function identify(number: number, team = { categoryId }) {
  const [t] = await handle.db.select().from(tickets).where(eq(tickets.number, number));
  return must(
    await identifyTicket(handle.db, agent, {
      number,
      version: t!.version,
      categoryId: team.categoryId,
      severity: 2,
      impact: 'several',
    }),
  );
}

const search = async (
  q: string,
  extra: { status?: 'new' | 'open'; teamId?: string; after?: string; limit?: number } = {},
  options: { recentTickets?: number } = {},
) => searchTickets(handle.db, agent, { q, ...extra }, options);
const numbers = (rows: SearchRow[]) => rows.map((r) => r.number);

beforeAll(async () => {
  handle = testDb();
  ({ teamId, categoryId } = await makeTeamAndCategory(handle.db));
  ({ teamId: otherTeamId } = await makeTeamAndCategory(handle.db));
  agent = await makeStaff(handle.db, 'agent', teamId);
  customer = await makeCustomer(handle.db, 'Sam Searcher');
});
afterAll(() => handle.close());

describe('exact identifiers come first', () => {
  it('puts the ticket a number names first, with or without #, ahead of text that quotes the number', async () => {
    const target = await submit(`Printer ${word()} jammed`);
    const quoting = await submit(`Mentions another request`, `See request ${target.number} for the first report.`);
    for (const q of [`#${target.number}`, String(target.number)]) {
      const { rows } = await search(q);
      expect(rows[0]).toMatchObject({ number: target.number, matchedOn: 'number' });
      expect(numbers(rows)).toContain(quoting.number);
      expect(rows[0]!.rank).toBeGreaterThan(rows.find((r) => r.number === quoting.number)!.rank);
    }
  });

  it('puts the ticket a CERN names first, whatever the case', async () => {
    const ticket = await submit(`Duplicate charge ${word()}`);
    const identified = await identify(ticket.number);
    const raised = must(
      await raiseException(handle.db, agent, {
        number: ticket.number,
        version: identified.version,
        incidentAt: '2026-01-02T10:00:00Z',
        details: 'The customer was charged three times for one order.',
      }),
    );
    const cern = raised.cern!;
    for (const q of [cern, cern.toLowerCase()]) {
      const { rows } = await search(q);
      expect(rows[0]).toMatchObject({ number: ticket.number, cern, matchedOn: 'cern' });
    }
  });
});

describe('text', () => {
  it('ranks a word in the subject above the same word in the description, and marks it', async () => {
    const w = word();
    const inDescription = await submit('Something else entirely', `The ${w} module keeps restarting.`);
    const inSubject = await submit(`The ${w} module keeps restarting`);
    const { rows } = await search(w);
    expect(numbers(rows)).toEqual([inSubject.number, inDescription.number]);
    expect(rows[0]).toMatchObject({ matchedOn: 'text', subject: `The ${w} module keeps restarting` });
    expect(rows[0]!.subjectHighlight).toBe(`The ${MARK_START}${w}${MARK_END} module keeps restarting`);
    expect(rows[1]!.snippet).toContain(`${MARK_START}${w}${MARK_END}`);
    expect(rows[1]!.snippetSource).toBe('description');
  });

  it('finds stemmed forms and several words together, and honours an excluded word', async () => {
    const w = word();
    const ticket = await submit(`Refunds for ${w} orders`);
    expect(numbers((await search(`refund ${w} order`)).rows)).toEqual([ticket.number]);
    expect(numbers((await search(`${w} -refund`)).rows)).toEqual([]);
  });

  it('finds words in public replies and internal notes, and shows the message that matched', async () => {
    const inReply = word();
    const inNote = word();
    const ticket = await submit(`Delivery question ${word()}`);
    must(
      await replyToTicket(handle.db, agent, {
        number: ticket.number,
        body: `Your parcel went with courier ${inReply} this morning.`,
      }),
    );
    must(
      await replyToTicket(handle.db, agent, {
        number: ticket.number,
        body: `Courier ${inNote} confirms a lost parcel.`,
        visibility: 'internal',
      }),
    );

    const reply = (await search(inReply)).rows;
    expect(reply).toHaveLength(1);
    expect(reply[0]).toMatchObject({ number: ticket.number, matchedOn: 'message', snippetSource: 'public' });
    expect(reply[0]!.snippet).toContain(`${MARK_START}${inReply}${MARK_END}`);

    const note = (await search(inNote)).rows;
    expect(note[0]).toMatchObject({ number: ticket.number, matchedOn: 'message', snippetSource: 'internal' });
    expect(plainText(note[0]!.snippet ?? '')).toContain(`Courier ${inNote} confirms a lost parcel`);
  });

  it('leaves the automatic acknowledgement out, though it quotes the subject', async () => {
    const w = word();
    const ticket = await submit(`Ack check ${w}`);
    const { rows } = await search(w);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ number: ticket.number, matchedOn: 'text', snippetSource: 'description' });
  });

  it('corrects a typo to a word of a subject, and says so', async () => {
    const w = word();
    const ticket = await submit(`Thermostat ${w} overheating`);
    const typo = `${w.slice(0, 5)}${w[5] === 'a' ? 'e' : 'a'}${w.slice(6)}`;
    const { rows, correctedQuery } = await search(`thermostat ${typo}`);
    expect(correctedQuery).toBe(`thermostat ${w}`);
    expect(rows[0]).toMatchObject({ number: ticket.number, matchedOn: 'text' });
  });

  it('still finds a subject too far from any word to correct, by similarity', async () => {
    const w = word();
    const ticket = await submit(`Thermostat ${w} overheating`);
    const { rows, correctedQuery } = await search(`thermostat ${w}xyz`);
    expect(correctedQuery).toBeNull();
    expect(rows[0]).toMatchObject({ number: ticket.number, matchedOn: 'similar' });
  });

  it('treats the query as words, never as HTML or markers', async () => {
    const w = word();
    const ticket = await submit(`<b>${w}</b> \uE000 broken`);
    const { rows } = await search(`<b>${w}</b>`);
    expect(rows[0]?.number).toBe(ticket.number);
    // The stray marker in the subject is dropped, so the marks stay balanced.
    expect(rows[0]!.subjectHighlight).toBe(`<b>${MARK_START}${w}${MARK_END}</b>  broken`);
  });
});

describe('spelling', () => {
  it('finds the refund requests for "refnud", and says it searched for "refund"', async () => {
    const refund = await submit('Refund not received after return');
    const { rows, correctedQuery } = await search('refnud', { limit: 100 });
    expect(correctedQuery).toBe('refund');
    expect(rows.find((r) => r.number === refund.number)).toMatchObject({ matchedOn: 'text' });
  });

  it('does not correct a word that is in a subject', async () => {
    await submit('Refund not received after return');
    const { rows, correctedQuery } = await search('refund');
    expect(correctedQuery).toBeNull();
    expect(rows.length).toBeGreaterThan(0);
  });

  it('does not correct a word that finds something, even if no subject has it', async () => {
    const w = word();
    // A subject holds a word one letter away; the word itself is only in another description.
    await submit(`Boiler ${w.slice(0, -1)}${w.endsWith('a') ? 'b' : 'a'} noise`);
    const ticket = await submit('Boiler noise', `The ${w} valve rattles.`);
    const { rows, correctedQuery } = await search(w);
    expect(correctedQuery).toBeNull();
    expect(rows[0]).toMatchObject({ number: ticket.number, matchedOn: 'text', snippetSource: 'description' });
  });

  it('keeps quoted words as typed', async () => {
    const { correctedQuery } = await search('"refnud"');
    expect(correctedQuery).toBeNull();
  });
});

describe('customers', () => {
  it('finds a customer’s tickets by name, with a typo', async () => {
    const surname = word();
    const person = await makeCustomer(handle.db, `Kofi ${surname[0]!.toUpperCase()}${surname.slice(1)}`);
    const first = await submit('Cannot log in', undefined, person);
    const second = await submit('Invoice missing', undefined, person);
    const typo = `${surname.slice(0, 6)}${surname[6] === 'o' ? 'u' : 'o'}${surname.slice(7)}`;
    for (const q of [`Kofi ${surname}`, typo, `kofi ${typo}`]) {
      const { rows } = await search(q);
      expect(numbers(rows).slice(0, 2), q).toEqual([second.number, first.number]);
      expect(rows[0]).toMatchObject({
        matchedOn: 'customer',
        customerName: `Kofi ${surname[0]!.toUpperCase()}${surname.slice(1)}`,
      });
    }
  });

  it('finds a customer’s tickets by e-mail, first, whatever the case', async () => {
    const person = await makeCustomer(handle.db, 'Mail Person');
    const ticket = await submit('Where is my order', undefined, person);
    const { rows } = await search(person.email.toUpperCase());
    expect(rows[0]).toMatchObject({ number: ticket.number, matchedOn: 'contact', customerName: 'Mail Person' });
    const fragment = await search(person.email.split('@')[0]! + '@');
    expect(fragment.rows[0]).toMatchObject({ number: ticket.number, matchedOn: 'contact' });
  });

  it('finds a customer’s tickets by phone, typed as stored or nationally', async () => {
    const digits = String(randomInt(100_000, 999_999));
    const created = must(
      await logContact(handle.db, agent, {
        channel: 'phone',
        customerName: 'Phone Person',
        customerPhone: `+44 7700 9${digits}`,
        subject: `Called ${word()}`,
        description: 'Rang about a delivery.',
      }),
    );
    for (const q of [`+4477009${digits}`, `+44 (7700) 9${digits}`, `07700 9${digits}`]) {
      const { rows } = await search(q);
      expect(rows[0], q).toMatchObject({ number: created.ticket.number, matchedOn: 'contact' });
    }
  });
});

describe('filters and pages', () => {
  it('filters by status and team', async () => {
    const w = word();
    const fresh = await submit(`Router ${w} offline`);
    const worked = await submit(`Router ${w} rebooting`);
    await identify(worked.number);
    expect(numbers((await search(w)).rows).sort()).toEqual([fresh.number, worked.number].sort());
    expect(numbers((await search(w, { status: 'new' })).rows)).toEqual([fresh.number]);
    expect(numbers((await search(w, { status: 'open' })).rows)).toEqual([worked.number]);
    expect(numbers((await search(w, { teamId })).rows)).toEqual([worked.number]);
    expect(numbers((await search(w, { teamId: otherTeamId })).rows)).toEqual([]);
  });

  it('finds a filtered ticket by a reply behind a hundred newer matching replies on other tickets', async () => {
    const w = word();
    const wanted = await submit('Nothing in the subject', 'Nor in the description.');
    const busy = await submit('A busy thread', 'Nothing here either.');
    await identify(busy.number);
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    await handle.db.insert(messages).values({
      ticketId: wanted.id,
      authorKind: 'customer',
      body: `The ${w} still fails.`,
      visibility: 'public',
      channel: 'web',
      createdAt: at(300),
    });
    await handle.db.insert(messages).values(
      Array.from({ length: 150 }, (_, i) => ({
        ticketId: busy.id,
        authorKind: 'agent' as const,
        body: `Checked the ${w} again (${i}).`,
        visibility: 'internal' as const,
        channel: 'web' as const,
        createdAt: at(200 - i),
      })),
    );
    // Unfiltered, the newest matches win the window; filtered to "new", the older reply is still found.
    expect(numbers((await search(w, { status: 'new' })).rows)).toEqual([wanted.number]);
    expect(numbers((await search(w, { status: 'new' }, { recentTickets: 1 })).rows)).toEqual([wanted.number]);
  });

  it('pages through ranked results without repeats or gaps', async () => {
    const w = word();
    const made: number[] = [];
    for (let i = 0; i < 5; i += 1) made.push((await submit(i % 2 === 0 ? `Scanner ${w} ${w}` : `Scanner ${w}`)).number);
    const seen: SearchRow[] = [];
    let after: string | undefined;
    for (let page = 0; page < 5; page += 1) {
      const result = await search(w, { limit: 2, after });
      seen.push(...result.rows);
      if (!result.next) break;
      after = result.next;
    }
    expect(numbers(seen).sort()).toEqual([...made].sort());
    for (let i = 1; i < seen.length; i += 1) expect(seen[i - 1]!.rank).toBeGreaterThanOrEqual(seen[i]!.rank);
    await expect(search(w, { after: 'not-a-cursor' })).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('the recent and the older part of the text scans', () => {
  async function everyPage(q: string, recentTickets?: number, status?: 'new' | 'open') {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await searchTickets(
        handle.db,
        agent,
        { q, limit: 2, after, status },
        recentTickets === undefined ? {} : { recentTickets },
      );
      seen.push(...page.rows.map((r) => `${r.number} ${r.rank} ${r.matchedOn}`));
      after = page.next ?? undefined;
    } while (after);
    return seen;
  }

  it('finds the same tickets in the same order wherever the split falls', async () => {
    const w = word();
    const made = [];
    for (let i = 0; i < 6; i += 1) {
      const ticket = await submit(
        i % 2 === 0 ? `Boiler ${w} humming` : 'Something else',
        i === 3 ? 'No words in common.' : `The boiler ${w} hums at night.`,
      );
      made.push(ticket);
      // A message written before the later tickets: it falls in the older part of the messages.
      if (i === 1)
        must(
          await replyToTicket(handle.db, agent, { number: ticket.number, body: `Engineer booked for the ${w} noise.` }),
        );
    }
    must(
      await replyToTicket(handle.db, agent, {
        number: made[3]!.number,
        body: `Second visit for the ${w} noise.`,
        visibility: 'internal',
      }),
    );
    // This database is smaller than the recent part: one scan each. Then the split at every place.
    const whole = await everyPage(w);
    expect(whole).toHaveLength(6);
    for (const recentTickets of [0, 1, 3, 5, 6])
      expect(await everyPage(w, recentTickets), `recent part of ${recentTickets}`).toEqual(whole);
    // Under a filter the messages split by count instead: the same results again.
    // (The reply opened made[1]; made[3] is still new and matches only by its internal note.)
    for (const status of ['open', 'new'] as const) {
      const filtered = await everyPage(w, undefined, status);
      expect(filtered.some((r) => r.endsWith('message'))).toBe(status === 'new');
      for (const recentTickets of [0, 1, 2, 3])
        expect(await everyPage(w, recentTickets, status), `${status}, recent part of ${recentTickets}`).toEqual(
          filtered,
        );
    }
    expect((await everyPage(w, undefined, 'open')).map((r) => Number(r.split(' ')[0]))).toEqual([made[1]!.number]);
  });
});

describe('access and input', () => {
  it('is for staff only', async () => {
    await expect(searchTickets(handle.db, customer, { q: 'refund' })).rejects.toBeInstanceOf(AppError);
    await expect(searchTickets(handle.db, customer, { q: 'refund' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses an empty or overlong query, and finds nothing for stop words alone', async () => {
    await expect(search('   ')).rejects.toMatchObject({ code: 'invalid', message: 'Type what to search for.' });
    await expect(search('x'.repeat(201))).rejects.toMatchObject({ code: 'invalid' });
    expect((await search('the')).rows).toEqual([]);
  });
});

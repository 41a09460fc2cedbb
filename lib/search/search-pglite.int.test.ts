import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import type { Actor } from '@/lib/auth/actor';
import { replyToTicket } from '@/lib/pipeline/reply-to-ticket';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { makeCustomer, makeStaff, makeTeamAndCategory } from '@/lib/testing/fixtures';
import { MARK_END, MARK_START } from './highlight';
import { searchTickets } from './search-tickets';

// The embedded database loads pg_trgm and runs the same migrations, so search works there too.
describe('search on embedded PGlite', () => {
  let handle: DbHandle;
  let agent: Actor;
  let customer: Actor;

  beforeAll(async () => {
    handle = openDb({ dataDir: 'memory://' });
    await runMigrations(handle);
    const team = await makeTeamAndCategory(handle.db);
    agent = await makeStaff(handle.db, 'agent', team.teamId);
    customer = await makeCustomer(handle.db, 'Kofi Boateng');
  }, 60_000);
  afterAll(() => handle.close());

  it('finds by number, words, a message, a misspelt name, a misspelt word and a similar subject', async () => {
    const created = await submitRequest(handle.db, customer, {
      subject: 'Charged twice for the same order',
      description: 'Two payments for one order.',
    });
    if (!created.ok) throw new Error(created.message);
    const other = await submitRequest(handle.db, customer, {
      subject: 'Parcel is late',
      description: 'Still waiting.',
    });
    if (!other.ok) throw new Error(other.message);
    const replied = await replyToTicket(handle.db, agent, {
      number: other.data.number,
      body: 'The courier Parcelwise lost it; a new one is on its way.',
    });
    if (!replied.ok) throw new Error(replied.message);

    const byNumber = await searchTickets(handle.db, agent, { q: `#${created.data.number}` });
    expect(byNumber.rows[0]).toMatchObject({ number: created.data.number, matchedOn: 'number' });

    const byWords = await searchTickets(handle.db, agent, { q: 'charging twice' });
    expect(byWords.rows[0]?.subjectHighlight).toBe(
      `${MARK_START}Charged${MARK_END} ${MARK_START}twice${MARK_END} for the same order`,
    );

    const byMessage = await searchTickets(handle.db, agent, { q: 'parcelwise' });
    expect(byMessage.rows[0]).toMatchObject({
      number: other.data.number,
      matchedOn: 'message',
      snippetSource: 'public',
    });

    const byName = await searchTickets(handle.db, agent, { q: 'Boatang' });
    expect(byName.rows.map((r) => r.number)).toEqual([other.data.number, created.data.number]);

    const misspelt = await searchTickets(handle.db, agent, { q: 'chargd twise' });
    expect(misspelt.correctedQuery).toBe('charged twice');
    expect(misspelt.rows[0]).toMatchObject({ number: created.data.number, matchedOn: 'text' });

    const bySubject = await searchTickets(handle.db, agent, { q: 'chargedxyz twice' });
    expect(bySubject.rows[0]).toMatchObject({ number: created.data.number, matchedOn: 'similar' });
  });
});

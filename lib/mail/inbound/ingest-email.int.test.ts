import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import {
  attachments,
  categories,
  customers,
  inboundEmails,
  messages,
  outbox,
  ticketEvents,
  tickets,
} from '@/db/schema';
import { clear, LIMITS } from '@/lib/rate-limit/rate-limit';
import { testDb } from '@/lib/testing/fixtures';
import { ingestEmail, type IngestOutcome } from './ingest-email';

let handle: DbHandle;
const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const OUR_ID = (n: number) => `cairn.0e0e0e0e-0000-4000-8000-00000000000${n}@cairn.local`;

/** Fixtures carry fixed Message-IDs: forget earlier runs, so each run starts from fresh mail. */
const FIXTURE_IDS = [
  'CAF8plain.4Rk2x@mail.example.com',
  'html-only-7f3a9c@example.org',
  '20261130112000.attach.chiara@example.com',
  'AM0PR07MB1234ABCD5678EF90@AM0PR07MB1234.eurprd07.prod.outlook.com',
  'CAGmail+reply=7Yx2kQp9W@mail.gmail.com',
  '9A8B7C6D-5E4F-4A3B-9C2D-1E0F9A8B7C6D@example.dk',
  'CAFwd.farah.0001@mail.example.com',
  'latin1.0001@example.de',
  'cp1252.0001@example.com',
  'jp.0001@example.jp',
  'encoded.0001@example.fr',
  'autoreply.0001@mail.example.com',
  '20261130120300.DSN.0001@mx.example.com',
  'nosubject.0001@example.pt',
  'nobody.0001@example.de',
  'unknowncharset.0001@example.se',
  '8bit.0001@example.pl',
];
const SENDERS = [
  'anna.berg@example.com',
  'dora.nagy@example.net',
  'emil.larsen@example.dk',
  'chiara.rossi@example.com',
  'stranger@example.org',
];

beforeAll(async () => {
  handle = testDb();
  const { db } = handle;
  await db.delete(inboundEmails).where(inArray(inboundEmails.messageId, FIXTURE_IDS));
  await db.delete(outbox).where(inArray(outbox.messageId, [1, 2, 3, 4].map(OUR_ID)));
  for (const sender of SENDERS) await clear(db, LIMITS.inboundSender, sender);
});
afterAll(() => handle.close());

async function ingest(raw: Buffer): Promise<IngestOutcome> {
  const result = await ingestEmail(handle.db, raw);
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`);
  return result.data;
}

async function ticketByNumber(number: number) {
  const [ticket] = await handle.db.select().from(tickets).where(eq(tickets.number, number));
  if (!ticket) throw new Error(`no ticket ${number}`);
  return ticket;
}

async function inboundRow(id: string) {
  const [row] = await handle.db.select().from(inboundEmails).where(eq(inboundEmails.id, id));
  if (!row) throw new Error(`no inbound row ${id}`);
  return row;
}

/** A simple mail from a sender, with a fresh Message-ID (and optional threading headers). */
function mail(opts: { from: string; subject: string; body: string; headers?: string }): Buffer {
  return Buffer.from(
    [
      `From: ${opts.from}`,
      'To: support@cairn.local',
      `Subject: ${opts.subject}`,
      `Message-ID: <${randomUUID()}@test.example>`,
      ...(opts.headers ? [opts.headers] : []),
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      opts.body,
      '',
    ].join('\r\n'),
  );
}

/** Our mail on a ticket, with one of the fixed Message-IDs the reply fixtures answer. */
async function sentOn(ticketId: string, to: string, n: number) {
  await handle.db.delete(outbox).where(eq(outbox.messageId, OUR_ID(n)));
  await handle.db
    .insert(outbox)
    .values({ ticketId, toAddress: to, subject: 'Our reply', body: 'Hello', messageId: OUR_ID(n), kind: 'reply' });
}

describe('a new request by e-mail', () => {
  let plainTicket: number;

  it('opens a request for the sender (found or created), channel email, acknowledged, the original kept', async () => {
    const raw = fixture('plain.eml');
    const r = await ingest(raw);
    expect(r).toMatchObject({ status: 'accepted', outcome: 'created' });
    plainTicket = r.ticketNumber!;
    const ticket = await ticketByNumber(plainTicket);
    expect(ticket).toMatchObject({
      channel: 'email',
      status: 'new',
      subject: 'Printer shows error E42 after the update',
    });
    expect(ticket.description).toContain('shows error E42 and refuses every print job');
    const [customer] = await handle.db.select().from(customers).where(eq(customers.id, ticket.customerId));
    expect(customer).toMatchObject({ email: 'anna.berg@example.com', name: 'Anna Berg' });
    const row = await inboundRow(r.inboundEmailId);
    expect(row).toMatchObject({
      status: 'accepted',
      ticketId: ticket.id,
      messageId: 'CAF8plain.4Rk2x@mail.example.com',
      fromAddress: 'anna.berg@example.com',
      sizeBytes: raw.length,
    });
    expect(Buffer.compare(row.raw, raw)).toBe(0);
    const events = await handle.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id));
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['created', 'acknowledged']));
    const mails = await handle.db.select().from(outbox).where(eq(outbox.ticketId, ticket.id));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ toAddress: 'anna.berg@example.com' });
  });

  it('stores the same Message-ID once: a second delivery is a duplicate of the first', async () => {
    const again = await ingest(fixture('plain.eml'));
    expect(again).toMatchObject({ status: 'duplicate', ticketNumber: plainTicket });
    const [{ n }] = (await handle.db
      .select({ n: count() })
      .from(inboundEmails)
      .where(eq(inboundEmails.messageId, 'CAF8plain.4Rk2x@mail.example.com'))) as [{ n: number }];
    expect(n).toBe(1);
    const ticket = await ticketByNumber(plainTicket);
    expect(await handle.db.select().from(outbox).where(eq(outbox.ticketId, ticket.id))).toHaveLength(1);
  });

  it('is idempotent under concurrent delivery of the same message', async () => {
    const raw = mail({ from: 'Chiara Rossi <chiara.rossi@example.com>', subject: 'Twice at once', body: 'Hi' });
    const both = await Promise.all([ingest(raw), ingest(raw)]);
    expect(both.map((r) => r.status).sort()).toEqual(['accepted', 'duplicate']);
    expect(both[0]!.ticketNumber).toBe(both[1]!.ticketNumber);
  });

  it('HTML-only mail is stored as text, never as markup', async () => {
    const r = await ingest(fixture('html-only.eml'));
    const ticket = await ticketByNumber(r.ticketNumber!);
    expect(ticket.description).toContain('cannot log in to the billing portal');
    expect(ticket.description).toContain('"account locked"');
    expect(ticket.description).not.toMatch(/<b>|<p>|alert\(/);
  });

  it('keeps a forward whole: the forwarded message is the point', async () => {
    const r = await ingest(fixture('forward.eml'));
    const ticket = await ticketByNumber(r.ticketNumber!);
    expect(ticket.subject).toBe('Fwd: Invoice 2026-114 charges us twice');
    expect(ticket.description).toContain('the licence fee is on it twice');
    expect(ticket.description).toContain('Forwarded message');
    expect(ticket.description).toContain('960.00 EUR');
  });

  it.each([
    [
      'iso-8859-1.eml',
      'Bestellung über 3 Stück fehlt',
      'meine Bestellung über 3 Stück kam nicht an. Größe: 42.',
      'Jürgen Müller',
    ],
    [
      'windows-1252.eml',
      'Charged although the invoice says paid',
      'the invoice says “paid” but you charged me €120 – that’s wrong.',
      'Greg Hall',
    ],
    ['iso-2022-jp.eml', '商品が届きません', '注文した商品がまだ届いていません。', '山田 花子'],
    ['encoded-word-subject.eml', 'Problème de facturation à régler', "Merci d'avance – Élodie", 'Élodie Dupont'],
    ['8bit-headers.eml', 'Zamówienie – brak faktury (order without invoice)', 'Dzień dobry', 'Łukasz Wiśniewski'],
  ])('decodes %s (charset, encoded words, raw 8-bit headers)', async (file, subject, text, name) => {
    const r = await ingest(fixture(file));
    const ticket = await ticketByNumber(r.ticketNumber!);
    expect(ticket.subject).toBe(subject);
    expect(ticket.description).toContain(text);
    const [customer] = await handle.db.select().from(customers).where(eq(customers.id, ticket.customerId));
    expect(customer!.name).toBe(name);
  });

  it('an unknown charset is read as best it can be, not refused', async () => {
    const r = await ingest(fixture('unknown-charset.eml'));
    expect(r.status).toBe('accepted');
    const ticket = await ticketByNumber(r.ticketNumber!);
    expect(ticket.description).toContain('Our parcel went to the old address');
  });

  it('no subject → "(no subject)"; no text body → "(no text)" with the file kept', async () => {
    const noSubject = await ingest(fixture('no-subject.eml'));
    expect((await ticketByNumber(noSubject.ticketNumber!)).subject).toBe('(no subject)');
    const noBody = await ingest(fixture('no-body.eml'));
    const ticket = await ticketByNumber(noBody.ticketNumber!);
    expect(ticket.description).toBe('(no text)');
    const files = await handle.db.select().from(attachments).where(eq(attachments.ticketId, ticket.id));
    expect(files.map((f) => f.filename)).toEqual(['error.png']);
  });

  it('attachments pass the upload checks: the PNG and PDF are kept, the .exe is dropped with a note', async () => {
    const r = await ingest(fixture('multipart-attachments.eml'));
    const ticket = await ticketByNumber(r.ticketNumber!);
    const files = await handle.db.select().from(attachments).where(eq(attachments.ticketId, ticket.id));
    expect(files.map((f) => [f.filename, f.contentType]).sort()).toEqual([
      ['delivery-note.pdf', 'application/pdf'],
      ['parcel.png', 'image/png'],
    ]);
    expect(r.reason).toMatch(/setup\.exe \(Files of this type cannot be attached/);
    const notes = await handle.db
      .select()
      .from(messages)
      .where(and(eq(messages.ticketId, ticket.id), eq(messages.visibility, 'internal')));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain('setup.exe');
    expect((await inboundRow(r.inboundEmailId)).reason).toContain('setup.exe');
  });

  it('a 20 MB message with an attachment over the limit is stored without it, with a note', async () => {
    const big = Buffer.alloc(15 * 1024 * 1024, 7);
    big.write('%PDF-1.4\n', 0, 'latin1');
    const raw = Buffer.from(
      [
        'From: Chiara Rossi <chiara.rossi@example.com>',
        'To: support@cairn.local',
        'Subject: The scan of the contract',
        `Message-ID: <${randomUUID()}@test.example>`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="big"',
        '',
        '--big',
        'Content-Type: text/plain; charset=UTF-8',
        '',
        'The scan is attached.',
        '--big',
        'Content-Type: application/pdf; name="contract.pdf"',
        'Content-Disposition: attachment; filename="contract.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        big.toString('base64').replace(/.{76}/g, '$&\r\n'),
        '--big--',
        '',
      ].join('\r\n'),
    );
    expect(raw.length).toBeGreaterThan(20 * 1024 * 1024);
    const r = await ingest(raw);
    expect(r.status).toBe('accepted');
    expect(r.reason).toMatch(/contract\.pdf \(The file is larger than the 10 MB limit\)/);
    const ticket = await ticketByNumber(r.ticketNumber!);
    expect(await handle.db.select().from(attachments).where(eq(attachments.ticketId, ticket.id))).toHaveLength(0);
    expect((await inboundRow(r.inboundEmailId)).sizeBytes).toBe(raw.length);
  }, 120_000); // parsing 20 MB takes ~15 s on a busy machine
});

describe('replies thread onto their request', () => {
  it('Outlook reply (In-Reply-To our mail): a customer message with the quoted block trimmed', async () => {
    const first = await ingest(
      mail({ from: 'Anna Berg <anna.berg@example.com>', subject: 'Printer again', body: 'It broke.' }),
    );
    const ticket = await ticketByNumber(first.ticketNumber!);
    await sentOn(ticket.id, 'anna.berg@example.com', 1);
    const before = (await handle.db.select().from(outbox).where(eq(outbox.ticketId, ticket.id))).length;

    const r = await ingest(fixture('outlook-reply.eml'));
    expect(r).toMatchObject({ status: 'accepted', outcome: 'replied', ticketNumber: ticket.number });
    const row = await inboundRow(r.inboundEmailId);
    const [message] = await handle.db.select().from(messages).where(eq(messages.id, row.ticketMessageId!));
    expect(message).toMatchObject({ authorKind: 'customer', channel: 'email', visibility: 'public' });
    expect(message!.body).toContain('The reset did not help');
    expect(message!.body).not.toContain('From: Cairn Support');
    expect(message!.body).not.toContain('hold the reset button');
    // The original keeps everything.
    expect(row.raw.toString('utf8')).toContain('hold the reset button');
    // A reply is not acknowledged.
    expect(await handle.db.select().from(outbox).where(eq(outbox.ticketId, ticket.id))).toHaveLength(before);
    const events = await handle.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id));
    expect(events.some((e) => e.type === 'replied' && e.data?.via === 'email')).toBe(true);
  });

  it('Gmail reply on a resolved request reopens it ("On … wrote:" and > quotes trimmed)', async () => {
    const first = await ingest(
      mail({ from: 'Dora Nagy <dora.nagy@example.net>', subject: 'Refund for order 55-2190', body: 'Refund?' }),
    );
    const ticket = await ticketByNumber(first.ticketNumber!);
    await handle.db
      .update(tickets)
      .set({ status: 'resolved', stage: 'follow_up', resolvedAt: new Date() })
      .where(eq(tickets.id, ticket.id));
    await sentOn(ticket.id, 'dora.nagy@example.net', 2);

    const r = await ingest(fixture('gmail-reply.eml'));
    expect(r).toMatchObject({ outcome: 'replied', ticketNumber: ticket.number });
    const after = await ticketByNumber(ticket.number);
    expect(after).toMatchObject({ status: 'open', stage: 'resolution', reopenCount: 1 });
    const row = await inboundRow(r.inboundEmailId);
    const [message] = await handle.db.select().from(messages).where(eq(messages.id, row.ticketMessageId!));
    expect(message!.body).toBe('Thank you, the refund arrived this morning!');
  });

  it('Apple Mail reply on a closed request opens a linked follow-up request', async () => {
    const first = await ingest(
      mail({ from: 'Emil Larsen <emil.larsen@example.dk>', subject: 'Wrong size delivered', body: 'Size L came.' }),
    );
    const ticket = await ticketByNumber(first.ticketNumber!);
    await handle.db
      .update(tickets)
      .set({ status: 'closed', stage: 'follow_up', closedAt: new Date() })
      .where(eq(tickets.id, ticket.id));
    await sentOn(ticket.id, 'emil.larsen@example.dk', 3);

    const r = await ingest(fixture('apple-mail-reply.eml'));
    expect(r.outcome).toBe('follow_up');
    const followUp = await ticketByNumber(r.ticketNumber!);
    expect(followUp).toMatchObject({ followUpOfId: ticket.id, channel: 'email', status: 'new' });
    expect(followUp.description).toContain('Size M would be perfect');
    expect(followUp.description).not.toContain('which size would you like');
    expect((await inboundRow(r.inboundEmailId)).ticketId).toBe(followUp.id);
    // The follow-up is acknowledged (it is a new request).
    expect(await handle.db.select().from(outbox).where(eq(outbox.ticketId, followUp.id))).toHaveLength(1);
  });

  it('a reply on a closed request whose category was retired since still opens the follow-up', async () => {
    const [category] = await handle.db
      .insert(categories)
      .values({ name: `Retired ${randomUUID().slice(0, 8)}` })
      .returning();
    const sender = `retired-${randomUUID().slice(0, 8)}@example.org`;
    const first = await ingest(mail({ from: sender, subject: 'Old gadget', body: 'It broke.' }));
    const ticket = await ticketByNumber(first.ticketNumber!);
    await handle.db
      .update(tickets)
      .set({ status: 'closed', stage: 'follow_up', closedAt: new Date(), categoryId: category!.id })
      .where(eq(tickets.id, ticket.id));
    await handle.db.update(categories).set({ retiredAt: new Date() }).where(eq(categories.id, category!.id));

    const r = await ingest(mail({ from: sender, subject: `Re: [#${ticket.number}] Old gadget`, body: 'Broke again.' }));
    expect(r.outcome).toBe('follow_up');
    const followUp = await ticketByNumber(r.ticketNumber!);
    // The follow-up carries on the closed request: its category comes along even though it is retired.
    expect(followUp).toMatchObject({ followUpOfId: ticket.id, categoryId: category!.id });
  });

  it('a reply to a mail we received threads too (References to the customer’s own Message-ID)', async () => {
    const id = `${randomUUID()}@test.example`;
    const first = Buffer.from(
      `From: Anna Berg <anna.berg@example.com>\r\nSubject: Toner\r\nMessage-ID: <${id}>\r\n\r\nNeed toner.\r\n`,
    );
    const opened = await ingest(first);
    const r = await ingest(
      mail({
        from: 'Anna Berg <anna.berg@example.com>',
        subject: 'Also paper',
        body: 'And paper, please.',
        headers: `References: <${id}>`,
      }),
    );
    expect(r).toMatchObject({ outcome: 'replied', ticketNumber: opened.ticketNumber });
  });

  it('[#number] and CERN in the subject thread, but only for the same customer', async () => {
    const opened = await ingest(
      mail({ from: 'Anna Berg <anna.berg@example.com>', subject: 'Scanner jam', body: 'Jammed.' }),
    );
    const byNumber = await ingest(
      mail({
        from: 'anna.berg@example.com',
        subject: `Re: [#${opened.ticketNumber}] Scanner jam`,
        body: 'Still jammed.',
      }),
    );
    expect(byNumber).toMatchObject({ outcome: 'replied', ticketNumber: opened.ticketNumber });

    const cern = `CERN-1999-${String(Math.floor(Math.random() * 999_999) + 1).padStart(6, '0')}`;
    await handle.db.update(tickets).set({ cern }).where(eq(tickets.number, opened.ticketNumber!));
    const byCern = await ingest(
      mail({ from: 'Anna Berg <anna.berg@example.com>', subject: `About ${cern}`, body: 'Any news?' }),
    );
    expect(byCern).toMatchObject({ outcome: 'replied', ticketNumber: opened.ticketNumber });

    // A stranger guessing the number gets a request of their own.
    const stranger = await ingest(
      mail({
        from: 'Stranger <stranger@example.org>',
        subject: `Re: [#${opened.ticketNumber}] ${cern}`,
        body: 'Let me in.',
      }),
    );
    expect(stranger.outcome).toBe('created');
    expect(stranger.ticketNumber).not.toBe(opened.ticketNumber);
  });
});

describe('never loop, never flood', () => {
  it('an auto-reply opens nothing, posts nothing and is not acknowledged', async () => {
    const [{ n: ticketsBefore }] = (await handle.db.select({ n: count() }).from(tickets)) as [{ n: number }];
    const [{ n: mailsBefore }] = (await handle.db.select({ n: count() }).from(outbox)) as [{ n: number }];
    const r = await ingest(fixture('auto-reply.eml'));
    expect(r).toMatchObject({ status: 'ignored', reason: 'Auto-Submitted: auto-replied' });
    expect(r.ticketNumber).toBeUndefined();
    const [{ n: ticketsAfter }] = (await handle.db.select({ n: count() }).from(tickets)) as [{ n: number }];
    const [{ n: mailsAfter }] = (await handle.db.select({ n: count() }).from(outbox)) as [{ n: number }];
    expect([ticketsAfter, mailsAfter]).toEqual([ticketsBefore, mailsBefore]);
    expect(await inboundRow(r.inboundEmailId)).toMatchObject({ status: 'ignored', ticketId: null });
  });

  it.each([['X-Autoreply: yes'], ['X-Autorespond: Out of office'], ['Precedence: bulk'], ['Precedence: list']])(
    'ignores mail with %s',
    async (header) => {
      const r = await ingest(mail({ from: 'robot@example.com', subject: 'Away', body: 'Away.', headers: header }));
      expect(r.status).toBe('ignored');
    },
  );

  it('ignores mail from postmaster and mail from our own support address', async () => {
    expect((await ingest(mail({ from: 'postmaster@example.com', subject: 'Hi', body: 'x' }))).status).toBe('ignored');
    expect((await ingest(mail({ from: 'support@cairn.example', subject: 'Hi', body: 'x' }))).status).toBe('ignored');
  });

  it('a bounce of our own mail marks that outbox row failed with the diagnostic', async () => {
    const opened = await ingest(
      mail({ from: 'Chiara Rossi <chiara.rossi@example.com>', subject: 'Bounce me', body: 'x' }),
    );
    const ticket = await ticketByNumber(opened.ticketNumber!);
    await sentOn(ticket.id, 'nobody@example.com', 4);
    const [{ n: ticketsBefore }] = (await handle.db.select({ n: count() }).from(tickets)) as [{ n: number }];

    const r = await ingest(fixture('bounce-dsn.eml'));
    expect(r.status).toBe('bounce');
    const [row] = await handle.db
      .select()
      .from(outbox)
      .where(eq(outbox.messageId, OUR_ID(4)));
    expect(row).toMatchObject({ status: 'failed' });
    expect(row!.lastError).toContain('550 5.1.1');
    expect(row!.lastError).toContain('User unknown in virtual mailbox table');
    expect(row!.failedAt).toBeInstanceOf(Date);
    const [{ n: ticketsAfter }] = (await handle.db.select({ n: count() }).from(tickets)) as [{ n: number }];
    expect(ticketsAfter).toBe(ticketsBefore);
  });

  it('a bounce of mail we did not send is ignored', async () => {
    const raw = fixture('bounce-dsn.eml')
      .toString('latin1')
      .replace('20261130120300.DSN.0001', randomUUID())
      .replace('cairn.0e0e0e0e-0000-4000-8000-000000000004', 'someone-else');
    const r = await ingest(Buffer.from(raw, 'latin1'));
    expect(r.status).toBe('ignored');
  });

  it('a flood from one sender is kept but rejected after the limit', async () => {
    const sender = `flood-${randomUUID().slice(0, 8)}@example.com`;
    const results: IngestOutcome[] = [];
    for (let i = 0; i <= LIMITS.inboundSender.max; i++)
      results.push(await ingest(mail({ from: sender, subject: `Spam ${i}`, body: 'x' })));
    expect(results.slice(0, -1).every((r) => r.status === 'accepted')).toBe(true);
    expect(results.at(-1)).toMatchObject({ status: 'rejected' });
    expect(results.at(-1)!.ticketNumber).toBeUndefined();
  });
});

describe('bad input', () => {
  it('an unparseable message is refused with a reason and nothing is stored', async () => {
    const [{ n: before }] = (await handle.db.select({ n: count() }).from(inboundEmails)) as [{ n: number }];
    for (const raw of [fixture('malformed.eml'), Buffer.alloc(0), Buffer.from('Subject: no sender\r\n\r\nHello')]) {
      const r = await ingestEmail(handle.db, raw);
      expect(r).toMatchObject({ ok: false, code: 'invalid' });
      expect(r.ok ? '' : r.message).not.toBe('');
    }
    const [{ n: after }] = (await handle.db.select({ n: count() }).from(inboundEmails)) as [{ n: number }];
    expect(after).toBe(before);
  });

  it('NUL bytes in the body are dropped, not a database error', async () => {
    const r = await ingest(mail({ from: 'chiara.rossi@example.com', subject: 'Nul\u0000here', body: 'a\u0000b' }));
    const ticket = await ticketByNumber(r.ticketNumber!);
    expect(ticket.description).toBe('ab');
  });
});

describe('the original, for staff only', () => {
  it('shows staff every header and the untrimmed text; customers and bad ids get "not found"', async () => {
    const { getOriginalEmail, getRawEmail } = await import('./original-email');
    const { makeCustomer, makeStaff } = await import('@/lib/testing/fixtures');
    const first = await ingest(
      mail({
        from: 'Anna Berg <anna.berg@example.com>',
        subject: 'Original please',
        body: 'New words.\n\nOn Mon, 30 Nov 2026 at 12:02, Support <s@x> wrote:\n> the old words',
      }),
    );
    const agent = await makeStaff(handle.db, 'agent');
    const original = await getOriginalEmail(handle.db, agent, first.inboundEmailId);
    expect(original.text).toContain('> the old words');
    expect(original.headers).toContainEqual({ name: 'Subject', value: 'Original please' });
    expect(original.ticketNumber).toBe(first.ticketNumber);
    const ticket = await ticketByNumber(first.ticketNumber!);
    expect(ticket.description).toBe('New words.');
    expect((await getRawEmail(handle.db, agent, first.inboundEmailId)).raw.toString()).toContain('the old words');

    const customer = await makeCustomer(handle.db);
    await expect(getOriginalEmail(handle.db, customer, first.inboundEmailId)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(getRawEmail(handle.db, customer, first.inboundEmailId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getOriginalEmail(handle.db, agent, 'not-a-uuid')).rejects.toMatchObject({ code: 'not_found' });

    // The ticket page links the description (and e-mailed messages) to their original.
    const { getTicketForStaff } = await import('@/lib/tickets/get-ticket');
    const view = await getTicketForStaff(handle.db, agent, first.ticketNumber);
    expect(view.descriptionEmailId).toBe(first.inboundEmailId);
  });
});

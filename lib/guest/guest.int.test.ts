import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import {
  attachments,
  customers,
  messages,
  notifications,
  outbox,
  portalUploads,
  ticketEvents,
  tickets,
  users,
} from '@/db/schema';
import { getCustomerAttachment } from '@/lib/attachments/get-attachment';
import type { Actor } from '@/lib/auth/actor';
import { signLink } from '@/lib/auth/signed-link';
import { signUpCustomer, verifyEmail } from '@/lib/auth/sign-up';
import { cancelOwnRequest } from '@/lib/pipeline/cancel-request';
import { customerReply } from '@/lib/pipeline/customer-reply';
import { submitGuestRequest } from '@/lib/pipeline/submit-guest-request';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { searchMyRequests } from '@/lib/portal/my-requests';
import { stageUpload } from '@/lib/portal/uploads';
import { makeCustomer, makeStaff, must, testDb } from '@/lib/testing/fixtures';
import { guestToken, ticketForGuestLink } from './guest-link';
import {
  getGuestRequest,
  guestCancel,
  guestReopen,
  guestReply,
  LINK_NO_LONGER_WORKS,
  resendGuestLinks,
} from './guest-request';

let handle: DbHandle;
let agent: Actor;
beforeAll(async () => {
  handle = testDb();
  agent = await makeStaff(handle.db, 'agent');
});
afterAll(() => handle.close());

const newEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@test.example`;
/** A fresh address per test, so the per-network limits of one test never refuse another's. */
const newIp = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const mailsTo = (email: string, kind: string) =>
  handle.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.toAddress, email), eq(outbox.kind, kind)))
    .orderBy(desc(outbox.createdAt));

const tokenIn = (body: string): string | null =>
  body.match(/\/portal\/guest\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/)?.[1] ?? null;

async function ask(email: string, extra: Record<string, unknown> = {}, ip: string | null = newIp()) {
  return submitGuestRequest(
    handle.db,
    {
      name: 'Gus Guest',
      email,
      subject: 'My parcel never arrived',
      description: 'Ordered two weeks ago, tracking says delivered, nothing here.',
      idempotencyKey: randomUUID(),
      ...extra,
    },
    { ip },
  );
}

async function ticketByNumber(number: number) {
  const [t] = await handle.db.select().from(tickets).where(eq(tickets.number, number));
  if (!t) throw new Error(`no ticket ${number}`);
  return t;
}

describe('asking without an account', () => {
  it('creates the customer and the request, and mails an acknowledgement whose link opens that request', async () => {
    const email = newEmail('gus');
    const { number } = must(await ask(` ${email.toUpperCase()} `));
    expect(number).toBeGreaterThan(0);
    const ticket = await ticketByNumber(number!);
    expect(ticket).toMatchObject({ channel: 'web', status: 'new', stage: 'inquiry' });
    const [customer] = await handle.db.select().from(customers).where(eq(customers.id, ticket.customerId));
    expect(customer).toMatchObject({ name: 'Gus Guest', email });

    const [ack] = await mailsTo(email, 'acknowledgement');
    const token = tokenIn(ack!.body);
    expect(token).not.toBeNull();
    expect(ack!.body).not.toContain(`/portal/requests/${number}`);
    const view = await getGuestRequest(handle.db, token);
    expect(view?.ticket).toMatchObject({ number, subject: 'My parcel never arrived' });
    // About 30 days.
    expect(view!.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(view!.expiresAt.getTime() - Date.now()).toBeLessThan(31 * 86_400_000);
  });

  it('gives the same request back for the same form key, and refuses bad input with field messages', async () => {
    const email = newEmail('twice');
    const key = randomUUID();
    const first = must(await ask(email, { idempotencyKey: key }));
    const again = must(await ask(email, { idempotencyKey: key }));
    expect(again.number).toBe(first.number);

    const bad = await ask('not an address', { subject: '', description: 'a\u0000b', name: '' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.fieldErrors?.email).toBeDefined();
      expect(bad.fieldErrors?.subject).toBeDefined();
      expect(bad.fieldErrors?.name).toBeDefined();
      expect(bad.fieldErrors?.description).toBeDefined();
    }
  });

  it('stores nothing when the honeypot is filled, but answers as if it had', async () => {
    const email = newEmail('bot');
    expect(must(await ask(email, { website: 'http://spam.example' }))).toEqual({ number: null });
    expect(await handle.db.select().from(customers).where(eq(customers.email, email))).toHaveLength(0);
    expect(await mailsTo(email, 'acknowledgement')).toHaveLength(0);
  });

  it('accepts an address with a login: the request joins that history, and its mail links the portal', async () => {
    const member = await makeCustomer(handle.db, 'Mia Member');
    const { number } = must(await ask(member.email));
    const ticket = await ticketByNumber(number!);
    expect(ticket.customerId).toBe(member.customerId);
    const [ack] = await mailsTo(member.email, 'acknowledgement');
    expect(ack!.body).toContain(`/portal/requests/${number}`);
    expect(tokenIn(ack!.body)).toBeNull();
    const mine = await searchMyRequests(handle.db, member, {});
    expect(mine.rows.map((r) => r.number)).toContain(number);
  });

  it('limits requests per address and per network, before anything is written', async () => {
    const email = newEmail('flood');
    for (let i = 0; i < 5; i++) must(await ask(email, { subject: `Try ${i}` }));
    const refused = await ask(email, { subject: 'One too many' });
    expect(refused).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(await mailsTo(email, 'acknowledgement')).toHaveLength(5);

    const ip = newIp();
    for (let i = 0; i < 20; i++) must(await ask(newEmail('net'), {}, ip));
    const other = newEmail('net-last');
    expect(await ask(other, {}, ip)).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(await handle.db.select().from(customers).where(eq(customers.email, other))).toHaveLength(0);
  });
});

describe('guest links', () => {
  it('refuse an expired, tampered, wrong-purpose or unknown link, and never open another request', async () => {
    const a = await ticketByNumber(must(await ask(newEmail('a'))).number!);
    const b = await ticketByNumber(must(await ask(newEmail('b'))).number!);
    const good = guestToken(a.id);
    expect((await getGuestRequest(handle.db, good))?.ticket.number).toBe(a.number);

    const expired = signLink({ purpose: 'guest', subject: a.id, expiresAt: new Date(Date.now() - 1000) });
    const [payload, signature] = good.split('.') as [string, string];
    // The payload of B's link with A's signature: the signature covers the subject.
    const forB = `${guestToken(b.id).split('.')[0]}.${signature}`;
    const survey = signLink({ purpose: 'survey', subject: a.id, expiresAt: new Date(Date.now() + 86_400_000) });
    const flipped = `${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const unknown = guestToken(randomUUID());
    for (const bad of [expired, forB, survey, flipped, unknown, 'x', '', 'a.b.c', 'x'.repeat(600)]) {
      expect(await getGuestRequest(handle.db, bad), bad.slice(0, 20)).toBeNull();
      const reply = await guestReply(handle.db, { token: bad, body: 'Let me in' });
      expect(reply).toMatchObject({ ok: false });
      if (!reply.ok && bad.length <= 512) expect(reply.message).toBe(LINK_NO_LONGER_WORKS);
    }
    expect(await handle.db.select().from(messages).where(eq(messages.body, 'Let me in'))).toHaveLength(0);
    expect((await ticketForGuestLink(handle.db, forB)).ok).toBe(false);
  });

  it('let the guest reply with a file and cancel, on that request only', async () => {
    const email = newEmail('reply');
    const { number } = must(await ask(email));
    const ticket = await ticketByNumber(number!);
    const token = guestToken(ticket.id);

    const formKey = randomUUID();
    const staged = must(
      await stageUpload(
        handle.db,
        { formKey, filename: 'photo.png', contentType: 'image/png', data: PNG },
        { ip: newIp() },
      ),
    );
    const replied = must(
      await guestReply(handle.db, { token, body: 'Here is a photo of the doorstep.', formKey, uploadIds: staged.id }),
    );
    expect(replied.ticket.number).toBe(number);
    const [message] = await handle.db
      .select()
      .from(messages)
      .where(and(eq(messages.ticketId, ticket.id), eq(messages.authorKind, 'customer')));
    const [file] = await handle.db.select().from(attachments).where(eq(attachments.ticketId, ticket.id));
    expect(file).toMatchObject({ filename: 'photo.png', messageId: message!.id });
    expect(await handle.db.select().from(portalUploads).where(eq(portalUploads.formKey, formKey))).toHaveLength(0);
    expect((await getGuestRequest(handle.db, token))?.attachments.map((f) => f.filename)).toEqual(['photo.png']);
    expect(must(await getCustomerAttachment(handle.db, ticket.id, file!.id)).data.equals(PNG)).toBe(true);
    // The file is not reachable through another request's link.
    const other = await ticketByNumber(must(await ask(newEmail('other'))).number!);
    expect((await getCustomerAttachment(handle.db, other.id, file!.id)).ok).toBe(false);

    const cancelled = must(await guestCancel(handle.db, { token }));
    expect(cancelled).toMatchObject({ status: 'closed', stage: 'follow_up', resolvedAt: null });
    expect(cancelled.closedAt).toBeInstanceOf(Date);
    expect((await guestCancel(handle.db, { token })).ok).toBe(false);
    // The other request is untouched.
    expect((await ticketByNumber(other.number)).status).toBe('new');
  });

  it('on a closed request open a follow-up with the files, once for a retried form, with its own link', async () => {
    const { number } = must(await ask(newEmail('closed')));
    const ticket = await ticketByNumber(number!);
    await handle.db
      .update(tickets)
      .set({ status: 'closed', stage: 'follow_up', closedAt: new Date() })
      .where(eq(tickets.id, ticket.id));
    const formKey = randomUUID();
    const staged = must(
      await stageUpload(
        handle.db,
        { formKey, filename: 'again.png', contentType: 'image/png', data: PNG },
        { ip: newIp() },
      ),
    );
    const form = {
      token: guestToken(ticket.id),
      body: 'It broke again.',
      idempotencyKey: randomUUID(),
      formKey,
      uploadIds: staged.id,
    };
    const first = must(await guestReply(handle.db, form));
    expect(first.followUp).toBe(true);
    expect(first.ticket.number).not.toBe(number);
    expect((await getGuestRequest(handle.db, first.followUpToken))?.ticket.number).toBe(first.ticket.number);
    const again = must(await guestReply(handle.db, form));
    expect(again.ticket.number).toBe(first.ticket.number);
    expect(await handle.db.select().from(attachments).where(eq(attachments.ticketId, first.ticket.id))).toHaveLength(1);
  });

  it("limit a guest's messages per request and per network, like a signed-in customer's, before anything is written", async () => {
    const ticket = await ticketByNumber(must(await ask(newEmail('chatty'))).number!);
    const token = guestToken(ticket.id);
    for (let i = 0; i < 30; i++)
      must(await guestReply(handle.db, { token, body: `Message ${i}`, idempotencyKey: randomUUID() }, { ip: newIp() }));
    const refused = await guestReply(
      handle.db,
      { token, body: 'One too many', idempotencyKey: randomUUID() },
      { ip: newIp() },
    );
    expect(refused).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(await guestReopen(handle.db, { token, body: 'Still broken' }, { ip: newIp() })).toMatchObject({
      ok: false,
      code: 'rate_limited',
    });
    expect(await handle.db.select().from(messages).where(eq(messages.body, 'One too many'))).toHaveLength(0);
  });

  it('mail fresh links only to an address with open requests, with the same answer for every address', async () => {
    const email = newEmail('lost');
    const { number } = must(await ask(email));
    const ip = newIp();
    expect(await resendGuestLinks(handle.db, { email }, { ip })).toEqual({ ok: true, data: undefined });
    const nobody = newEmail('nobody');
    expect(await resendGuestLinks(handle.db, { email: nobody }, { ip })).toEqual({ ok: true, data: undefined });
    expect(await mailsTo(nobody, 'guest_links')).toHaveLength(0);
    const [mail] = await mailsTo(email, 'guest_links');
    const token = tokenIn(mail!.body);
    expect((await getGuestRequest(handle.db, token))?.ticket.number).toBe(number);
    for (let i = 0; i < 2; i++) must(await resendGuestLinks(handle.db, { email }, { ip: newIp() }));
    expect(await resendGuestLinks(handle.db, { email }, { ip: newIp() })).toMatchObject({
      ok: false,
      code: 'rate_limited',
    });
  });

  it('ride along every later mail while the customer has no login', async () => {
    const email = newEmail('later');
    const { number } = must(await ask(email));
    const ticket = await ticketByNumber(number!);
    const { replyToTicket } = await import('@/lib/pipeline/reply-to-ticket');
    must(
      await replyToTicket(handle.db, agent, {
        number,
        body: 'We are on it.',
        visibility: 'public',
        version: ticket.version,
      }),
    );
    const [reply] = await mailsTo(email, 'reply');
    expect((await getGuestRequest(handle.db, tokenIn(reply!.body)))?.ticket.number).toBe(number);
  });
});

describe('portal files', () => {
  it('refuse a file of the wrong type, and a form whose files are gone, saving nothing', async () => {
    const formKey = randomUUID();
    const bad = await stageUpload(
      handle.db,
      { formKey, filename: 'run.exe', contentType: 'application/octet-stream', data: Buffer.from('MZ') },
      { ip: newIp() },
    );
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
    const fake = await stageUpload(
      handle.db,
      { formKey, filename: 'fake.png', contentType: 'image/png', data: Buffer.from('not a png') },
      { ip: newIp() },
    );
    expect(fake.ok).toBe(false);

    const email = newEmail('gone');
    const refused = await ask(email, { formKey, uploadIds: randomUUID() });
    expect(refused).toMatchObject({ ok: false, code: 'invalid' });
    expect(await handle.db.select().from(customers).where(eq(customers.email, email))).toHaveLength(0);

    // Another form's file cannot be claimed.
    const staged = must(
      await stageUpload(
        handle.db,
        { formKey, filename: 'a.png', contentType: 'image/png', data: PNG },
        { ip: newIp() },
      ),
    );
    expect(await ask(email, { formKey: randomUUID(), uploadIds: staged.id })).toMatchObject({ ok: false });
    const { number } = must(await ask(email, { formKey, uploadIds: staged.id }));
    const ticket = await ticketByNumber(number!);
    expect((await handle.db.select().from(attachments).where(eq(attachments.ticketId, ticket.id))).length).toBe(1);
  });

  it('go with a signed-in customer’s new request and reply, at most five per form', async () => {
    const customer = await makeCustomer(handle.db, 'Fay Files');
    const formKey = randomUUID();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        must(
          await stageUpload(
            handle.db,
            { formKey, filename: `shot-${i}.png`, contentType: 'image/png', data: PNG },
            { ip: newIp() },
          ),
        ).id,
      );
    const sixth = await stageUpload(
      handle.db,
      { formKey, filename: 'shot-6.png', contentType: 'image/png', data: PNG },
      { ip: newIp() },
    );
    expect(sixth).toMatchObject({ ok: false, code: 'invalid' });
    const ticket = must(
      await submitRequest(handle.db, customer, {
        subject: 'Screens',
        description: 'See attached.',
        formKey,
        uploadIds: ids.join(','),
      }),
    );
    expect(await handle.db.select().from(attachments).where(eq(attachments.ticketId, ticket.id))).toHaveLength(5);

    const replyKey = randomUUID();
    const one = must(
      await stageUpload(
        handle.db,
        { formKey: replyKey, filename: 'log.txt', contentType: 'text/plain', data: Buffer.from('log') },
        { ip: newIp() },
      ),
    );
    must(
      await customerReply(handle.db, customer, {
        number: ticket.number,
        body: 'And the log.',
        formKey: replyKey,
        uploadIds: one.id,
      }),
    );
    // By its id: other files of the shared database stage their own "log.txt".
    const [file] = await handle.db.select().from(attachments).where(eq(attachments.id, one.id));
    expect(file?.messageId).not.toBeNull();
  });
});

describe('cancelling one’s own request', () => {
  it('closes an open request apart from resolutions, tells the assignee, and refuses resolved, closed and others’', async () => {
    const customer = await makeCustomer(handle.db, 'Cora Cancel');
    const stranger = await makeCustomer(handle.db, 'Stan Stranger');
    const ticket = must(await submitRequest(handle.db, customer, { subject: 'Never mind', description: 'Found it.' }));
    await handle.db
      .update(tickets)
      .set({ assigneeId: agent.userId, status: 'pending', stage: 'identification' })
      .where(eq(tickets.id, ticket.id));

    expect(await cancelOwnRequest(handle.db, stranger, { number: ticket.number })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await cancelOwnRequest(handle.db, agent, { number: ticket.number })).toMatchObject({ ok: false });
    const done = must(await cancelOwnRequest(handle.db, customer, { number: ticket.number }));
    expect(done).toMatchObject({ status: 'closed', stage: 'follow_up', resolvedAt: null });
    const types = (await handle.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id))).map(
      (e) => e.type,
    );
    expect(types).toContain('cancelled');
    expect(types).not.toContain('resolved');
    const told = await handle.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.ticketId, ticket.id), eq(notifications.userId, agent.userId)));
    expect(told.map((n) => n.summary).join(' ')).toContain('cancelled');
    expect(await cancelOwnRequest(handle.db, customer, { number: ticket.number })).toMatchObject({
      ok: false,
      code: 'unprocessable',
    });

    const resolved = must(await submitRequest(handle.db, customer, { subject: 'Fixed already', description: 'Yes.' }));
    await handle.db
      .update(tickets)
      .set({ status: 'resolved', stage: 'follow_up', resolvedAt: new Date(), resolutionSummary: 'Done' })
      .where(eq(tickets.id, resolved.id));
    const refused = await cancelOwnRequest(handle.db, customer, { number: resolved.number });
    expect(refused).toMatchObject({ ok: false, code: 'unprocessable' });
    if (!refused.ok) expect(refused.message).toContain('confirm the fix');
  });
});

describe('searching one’s own requests', () => {
  it('finds by words and number, filters by status, pages, and never shows another customer’s', async () => {
    const me = await makeCustomer(handle.db, 'Sue Search');
    const other = await makeCustomer(handle.db, 'Oscar Other');
    const word = `zebra${randomUUID().slice(0, 6)}`;
    const mine = must(await submitRequest(handle.db, me, { subject: `Printer ${word}`, description: 'Jammed.' }));
    const theirs = must(await submitRequest(handle.db, other, { subject: `Printer ${word}`, description: 'Jammed.' }));
    for (let i = 0; i < 21; i++)
      must(await submitRequest(handle.db, me, { subject: `Filler ${i}`, description: '50% off_%' }));

    const byWord = await searchMyRequests(handle.db, me, { q: word });
    expect(byWord.rows.map((r) => r.number)).toEqual([mine.number]);
    expect((await searchMyRequests(handle.db, me, { q: `#${theirs.number}` })).rows).toHaveLength(0);
    expect((await searchMyRequests(handle.db, me, { q: String(mine.number) })).rows.map((r) => r.number)).toEqual([
      mine.number,
    ]);
    // LIKE wildcards are text, not patterns.
    expect((await searchMyRequests(handle.db, me, { q: '%' })).rows.length).toBe(20);
    expect((await searchMyRequests(handle.db, me, { q: '_%x' })).rows).toHaveLength(0);

    const first = await searchMyRequests(handle.db, me, {});
    expect(first.rows).toHaveLength(20);
    expect(first.next).not.toBeNull();
    const second = await searchMyRequests(handle.db, me, { after: first.next });
    expect(second.rows).toHaveLength(2);
    expect(second.next).toBeNull();
    const all = [...first.rows, ...second.rows].map((r) => r.number);
    expect(new Set(all).size).toBe(22);
    expect(all).not.toContain(theirs.number);

    await handle.db.update(tickets).set({ status: 'pending', stage: 'identification' }).where(eq(tickets.id, mine.id));
    expect((await searchMyRequests(handle.db, me, { status: 'waiting' })).rows.map((r) => r.number)).toEqual([
      mine.number,
    ]);
    expect((await searchMyRequests(handle.db, me, { status: 'closed' })).rows).toHaveLength(0);
    // Nonsense in the URL lists instead of failing.
    expect(
      (await searchMyRequests(handle.db, me, { status: 'bogus', after: 'x', q: ['a', 'b'] })).rows.length,
    ).toBeGreaterThan(0);
    await expect(searchMyRequests(handle.db, agent, {})).rejects.toThrow();
  });
});

describe('signing up later', () => {
  it('shows every earlier guest request in the portal once the address is verified', async () => {
    const email = newEmail('later-signup');
    const first = must(await ask(email, { subject: 'First as a guest' }));
    const second = must(await ask(email, { subject: 'Second as a guest' }));
    must(await signUpCustomer(handle.db, { name: 'Gus Later', email, password: 'a long enough password' }));
    const [mail] = await mailsTo(email, 'email_verification');
    const token = mail!.body.match(/\/verify\/([A-Za-z0-9_-]{43})/)![1];
    const verified = must(await verifyEmail(handle.db, { token }));
    expect(verified.linked).toBe(true);
    const [login] = await handle.db.select().from(users).where(eq(users.email, email));
    const actor: Actor = {
      userId: login!.id,
      role: 'customer',
      name: login!.name,
      email,
      customerId: login!.customerId,
    };
    const numbers = (await searchMyRequests(handle.db, actor, {})).rows.map((r) => r.number);
    expect(numbers).toEqual(expect.arrayContaining([first.number, second.number]));
    // From now on, mail about them links the portal instead of a guest link.
    const ticket = await ticketByNumber(first.number!);
    const { replyToTicket } = await import('@/lib/pipeline/reply-to-ticket');
    must(
      await replyToTicket(handle.db, agent, {
        number: first.number,
        body: 'Hello again.',
        visibility: 'public',
        version: ticket.version,
      }),
    );
    const [reply] = await mailsTo(email, 'reply');
    expect(tokenIn(reply!.body)).toBeNull();
  });
});

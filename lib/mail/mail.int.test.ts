import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { asc, eq, sql } from 'drizzle-orm';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '@/db/client';
import { auditLog, inboundEmails, outbox, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { findJob, type JobDefinition } from '@/lib/jobs/registry';
import { installJobs, startJobs, type JobRunner } from '@/lib/jobs/runner';
import { replyToTicket } from '@/lib/pipeline/reply-to-ticket';
import { submitRequest } from '@/lib/pipeline/submit-request';
import { makeCustomer, makeStaff, makeTeamAndCategory, must, testDb } from '@/lib/testing/fixtures';
import { markBounced } from './mark-bounced';
import { getOutboxMail, listOutbox } from './outbox';
import { queueMail } from './queue';
import { resendMail } from './resend-mail';
import { composeMail } from './templates/layout';

let handle: DbHandle;
let agent: Actor;
let admin: Actor;

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const mailsOf = (ticketId: string) =>
  handle.db.select().from(outbox).where(eq(outbox.ticketId, ticketId)).orderBy(asc(outbox.createdAt));

async function statusOf(id: string) {
  const [row] = await handle.db.select().from(outbox).where(eq(outbox.id, id));
  return row!;
}

/** An SMTP server in this process; `reject` turns every recipient away with a 550. */
async function smtpServer(
  reject = false,
): Promise<{ url: string; received: ParsedMail[]; close: () => Promise<void> }> {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (reject) callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Only `mail.send`, polling fast; retries quick when asked. */
async function mailRunner(env: Record<string, string>, retry?: Partial<JobDefinition>): Promise<JobRunner> {
  const job = { ...findJob('mail.send')!, ...retry };
  return startJobs(handle, { jobs: [job], env, schedule: false, supervise: false, pollingIntervalSeconds: 0.5 });
}

async function newRequest(customer: Actor, subject = 'Printer on fire') {
  return must(
    await submitRequest(handle.db, customer, { subject, description: 'It started smoking after the update.' }),
  );
}

beforeAll(async () => {
  handle = testDb();
  const { teamId } = await makeTeamAndCategory(handle.db);
  agent = await makeStaff(handle.db, 'agent', teamId);
  await handle.db.update(users).set({ signature: 'Sam · Tier 2 support' }).where(eq(users.id, agent.userId));
  admin = await makeStaff(handle.db, 'admin');
  // Mail jobs left by earlier test files are not this file's to send.
  await handle.db.execute(sql`delete from pgboss.job where name = 'mail.send' and state < 'active'`);
});
afterAll(async () => {
  // The queues take the registry's options again (a test shortened the retries).
  await installJobs(handle);
  await handle.close();
});

describe('queueMail', () => {
  it('threads a request: acknowledgement → reply → customer e-mail → second reply', async () => {
    const customer = await makeCustomer(handle.db, 'Ada Thread');
    const ticket = await newRequest(customer);
    const [ack] = await mailsOf(ticket.id);
    expect(ack).toMatchObject({ kind: 'acknowledgement', status: 'queued', inReplyTo: null, references: [] });
    expect(ack!.messageId).toMatch(/^cairn\.[0-9a-f-]{36}@cairn\.example$/);
    expect(ack!.subject).toBe('[#' + ticket.number + '] We received your request: Printer on fire');
    expect(ack!.body).toContain(`#${ticket.number}`);
    expect(ack!.html).toContain(`#${ticket.number}`);

    must(await replyToTicket(handle.db, agent, { number: ticket.number, body: 'Unplug it, please.' }));
    const [, reply1] = await mailsOf(ticket.id);
    expect(reply1).toMatchObject({
      kind: 'reply',
      fromUserId: agent.userId,
      inReplyTo: ack!.messageId,
      references: [ack!.messageId],
      subject: `[#${ticket.number}] Re: Printer on fire`,
    });
    expect(reply1!.body).toContain('Sam · Tier 2 support');

    // The customer answers by e-mail (stored by the inbound helper): our next reply answers that.
    const theirs = `${randomUUID()}@mail.example`;
    await handle.db.insert(inboundEmails).values({
      messageId: theirs,
      fromAddress: customer.email,
      subject: 'Re: Printer on fire',
      ticketId: ticket.id,
      status: 'accepted',
      sizeBytes: 10,
      raw: Buffer.from('raw'),
      receivedAt: new Date(Date.now() + 1000),
    });
    must(await replyToTicket(handle.db, agent, { number: ticket.number, body: 'Is it out now?' }));
    const [, , reply2] = await mailsOf(ticket.id);
    expect(reply2).toMatchObject({ inReplyTo: theirs, references: [ack!.messageId, reply1!.messageId, theirs] });

    // Each mail has its mail.send job, written with it.
    const jobs = await handle.db.execute(
      sql`select count(*)::int as n from pgboss.job where name = 'mail.send' and data->>'outboxId' in (${ack!.id}, ${reply1!.id}, ${reply2!.id})`,
    );
    expect(Number((jobs as unknown as { n: number }[])[0]!.n)).toBe(3);
  });

  it('writes nothing when the transaction rolls back, and nothing for a customer without an address', async () => {
    const marker = `rollback-${randomUUID()}@test.example`;
    await expect(
      handle.db.transaction(async (tx) => {
        await queueMail(tx as unknown as Db, {
          kind: 'other',
          to: marker,
          mail: composeMail({ subject: 'x', paragraphs: ['y'] }),
        });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await handle.db.select().from(outbox).where(eq(outbox.toAddress, marker))).toHaveLength(0);
    expect(
      await queueMail(handle.db, { kind: 'other', to: null, mail: composeMail({ subject: 'x', paragraphs: [] }) }),
    ).toBeNull();
  });
});

describe('mail.send', () => {
  it('keeps the mail in the outbox without SMTP_URL', async () => {
    const customer = await makeCustomer(handle.db, 'Olive Offline');
    const runner = await mailRunner({});
    try {
      const ticket = await newRequest(customer);
      const [ack] = await mailsOf(ticket.id);
      await until(async () => {
        const rows = await handle.db.execute(
          sql`select state::text as state from pgboss.job where name = 'mail.send' and data->>'outboxId' = ${ack!.id}`,
        );
        return (rows as unknown as { state: string }[])[0]?.state === 'completed';
      });
      expect(await statusOf(ack!.id)).toMatchObject({ status: 'queued', attempts: 0, sentAt: null, lastError: null });
      const listed = await listOutbox(handle.db, admin, { status: 'queued', q: customer.email });
      expect(listed.items.map((m) => m.id)).toEqual([ack!.id]);
    } finally {
      await runner.stop(2000);
    }
  });

  it('delivers over SMTP with our headers, threading and both parts', async () => {
    const smtp = await smtpServer();
    const runner = await mailRunner({ SMTP_URL: smtp.url });
    try {
      const customer = await makeCustomer(handle.db, 'Grace Delivered');
      const ticket = await newRequest(customer, 'Scanner jammed');
      must(await replyToTicket(handle.db, agent, { number: ticket.number, body: 'Open the lid.' }));
      const [ack, reply] = await mailsOf(ticket.id);
      await until(
        async () => (await statusOf(ack!.id)).status === 'sent' && (await statusOf(reply!.id)).status === 'sent',
      );
      expect(await statusOf(reply!.id)).toMatchObject({ attempts: 1, lastError: null });
      expect((await statusOf(reply!.id)).sentAt).toBeInstanceOf(Date);

      const got = (id: string) => smtp.received.find((m) => m.messageId === `<${id}>`)!;
      const ackMail = got(ack!.messageId!);
      expect(ackMail.from?.value[0]).toEqual({ name: 'Cairn Support', address: 'support@cairn.example' });
      expect(ackMail.replyTo?.value[0]?.address).toBe('support@cairn.example');
      expect(ackMail.to && !Array.isArray(ackMail.to) ? ackMail.to.value[0]?.address : null).toBe(customer.email);
      expect(ackMail.headers.get('auto-submitted')).toBe('auto-replied');
      expect(ackMail.headers.get('x-cairn-ticket')).toBe(`#${ticket.number}`);
      expect(ackMail.text).toContain(`#${ticket.number}`);
      expect(ackMail.html).toContain(`#${ticket.number}`);

      const replyMail = got(reply!.messageId!);
      expect(replyMail.from?.value[0]).toEqual({
        name: `${agent.name} via Cairn Support`,
        address: 'support@cairn.example',
      });
      expect(replyMail.subject).toBe(`[#${ticket.number}] Re: Scanner jammed`);
      expect(replyMail.inReplyTo).toBe(`<${ack!.messageId}>`);
      expect(replyMail.references).toBe(`<${ack!.messageId}>`);
      expect(replyMail.headers.get('auto-submitted')).toBeUndefined();
      expect(replyMail.text).toContain('Open the lid.');
      expect(replyMail.html).toContain('Open the lid.');
    } finally {
      await runner.stop(2000);
      await smtp.close();
    }
  });

  it('retries a refused send, then marks it failed with the last error and never loses it; an admin resends it', async () => {
    const smtp = await smtpServer(true);
    const runner = await mailRunner({ SMTP_URL: smtp.url }, { retryLimit: 1, retryDelay: 1 });
    const customer = await makeCustomer(handle.db, 'Rita Refused');
    let ackId: string;
    try {
      const ticket = await newRequest(customer);
      const [ack] = await mailsOf(ticket.id);
      ackId = ack!.id;
      await until(async () => (await statusOf(ackId)).status === 'failed');
      const failed = await statusOf(ackId);
      expect(failed.attempts).toBe(2);
      expect(failed.lastError).toMatch(/550|Mailbox unavailable/);
      expect(failed.failedAt).toBeInstanceOf(Date);
      expect(failed.body).toContain(`#${ticket.number}`);
      expect(smtp.received).toHaveLength(0);
    } finally {
      await runner.stop(2000);
      await smtp.close();
    }
    // The admin fixes the mail server and resends.
    const good = await smtpServer();
    const again = await mailRunner({ SMTP_URL: good.url });
    try {
      expect(await resendMail(handle.db, agent, { id: ackId })).toMatchObject({ ok: false, code: 'forbidden' });
      must(await resendMail(handle.db, admin, { id: ackId }));
      await until(async () => (await statusOf(ackId)).status === 'sent');
      expect(good.received).toHaveLength(1);
      const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, ackId));
      expect(audit).toMatchObject({ action: 'mail.resent', actorUserId: admin.userId });
      expect(await resendMail(handle.db, admin, { id: ackId })).toMatchObject({ ok: false, code: 'conflict' });
    } finally {
      await again.stop(2000);
      await good.close();
    }
  });
});

describe('the outbox for admins', () => {
  it('marks a bounced mail failed with the reason and shows it with its headers', async () => {
    const customer = await makeCustomer(handle.db, 'Bo Bounce');
    const ticket = await newRequest(customer);
    const [ack] = await mailsOf(ticket.id);
    expect(await markBounced(handle.db, [`<${ack!.messageId}>`], '550 5.1.1 no such user')).toEqual([ack!.id]);
    expect(await markBounced(handle.db, ['<not-ours@example.com>'], 'whatever')).toEqual([]);
    const mail = await getOutboxMail(handle.db, admin, ack!.id);
    expect(mail).toMatchObject({
      status: 'failed',
      lastError: 'Bounced: 550 5.1.1 no such user',
      messageId: ack!.messageId,
      ticketNumber: ticket.number,
    });
    expect(await getOutboxMail(handle.db, admin, 'not-a-uuid')).toBeNull();
    const failed = await listOutbox(handle.db, admin, { status: 'failed', q: customer.email });
    expect(failed.items.map((m) => m.id)).toEqual([ack!.id]);
  });

  it('is for admins only: it holds live invitation and password-reset links', async () => {
    const customer = await makeCustomer(handle.db, 'Nosy Parker');
    const ticket = await newRequest(customer);
    const [ack] = await mailsOf(ticket.id);
    const lead = await makeStaff(handle.db, 'lead');
    for (const actor of [agent, lead]) {
      await expect(listOutbox(handle.db, actor, {})).rejects.toMatchObject({ code: 'forbidden' });
      await expect(getOutboxMail(handle.db, actor, ack!.id)).rejects.toMatchObject({ code: 'forbidden' });
    }
  });
});

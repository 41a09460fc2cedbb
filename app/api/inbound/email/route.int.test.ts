import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { inboundEmails, tickets } from '@/db/schema';
import { POST } from './route';

const SECRET = 'route-test-secret';
const fixture = (name: string) => readFileSync(path.join(process.cwd(), 'lib/mail/inbound/fixtures', name));
const message = () =>
  Buffer.from(
    `From: Route Tester <route.tester@example.com>\r\nSubject: Via the route\r\nMessage-ID: <${randomUUID()}@test.example>\r\n\r\nHello from curl.\r\n`,
  );

function post(body: BodyInit, headers: Record<string, string> = {}) {
  return POST(
    new Request('http://localhost/api/inbound/email', {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'message/rfc822', ...headers },
      // Node's fetch needs this for a streamed body.
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit),
  );
}

beforeEach(() => {
  process.env.INBOUND_EMAIL_SECRET = SECRET;
});
afterEach(() => {
  delete process.env.INBOUND_EMAIL_SECRET;
});

describe('POST /api/inbound/email', () => {
  it('takes a message and answers { status, ticketNumber }', async () => {
    const response = await post(message());
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; ticketNumber: number };
    expect(body.status).toBe('accepted');
    const [ticket] = await getDb().select().from(tickets).where(eq(tickets.number, body.ticketNumber));
    expect(ticket).toMatchObject({ channel: 'email', subject: 'Via the route' });
  });

  it('answers 401 for a missing or wrong secret, and while none is configured', async () => {
    for (const authorization of ['', 'Bearer wrong', `Basic ${SECRET}`]) {
      const response = await post(message(), { authorization });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'unauthorized' });
    }
    delete process.env.INBOUND_EMAIL_SECRET;
    expect((await post(message())).status).toBe(401);
  });

  it('answers 400 invalid_email for an unparseable message and stores nothing', async () => {
    const before = (await getDb().select({ id: inboundEmails.id }).from(inboundEmails)).length;
    const response = await post(fixture('malformed.eml'));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'invalid_email', message: expect.any(String) });
    expect((await getDb().select({ id: inboundEmails.id }).from(inboundEmails)).length).toBe(before);
  });

  it('answers 415 for another content type and 413 over 25 MB (declared or streamed)', async () => {
    expect((await post(message(), { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(message(), { 'content-length': String(26 * 1024 * 1024) })).status).toBe(413);
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ >= 26) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await post(stream);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'too_large' });
  });
});

import { expect, test } from '@playwright/test';
import { personAs } from './helpers';

// playwright.config.ts gives the web server this secret (INBOUND_EMAIL_SECRET).
const SECRET = process.env.INBOUND_EMAIL_SECRET ?? 'e2e-inbound-secret';

const email = (lines: string[]) => Buffer.from([...lines, ''].join('\r\n'));

test('a customer e-mail becomes a request, the agent replies, the e-mailed answer lands live on the same timeline', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000); // three people signed in, and a server under load
  const stamp = Date.now().toString(36);
  const from = `Mia Keller <mia.keller.${stamp}@customer.example>`;
  const firstId = `first.${stamp}@customer.example`;
  const subject = `Router keeps rebooting ${stamp}`;

  // Refused: no secret, a wrong one, and a message that is not an e-mail (nothing stored).
  const noAuth = await request.post('/api/inbound/email', {
    headers: { 'content-type': 'message/rfc822' },
    data: email([`From: ${from}`, 'Subject: x', '', 'x']),
  });
  expect(noAuth.status()).toBe(401);
  const wrong = await request.post('/api/inbound/email', {
    headers: { 'content-type': 'message/rfc822', authorization: 'Bearer wrong' },
    data: email([`From: ${from}`, 'Subject: x', '', 'x']),
  });
  expect(wrong.status()).toBe(401);
  const garbage = await request.post('/api/inbound/email', {
    headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${SECRET}` },
    data: Buffer.from('\u0000 not an e-mail'),
  });
  expect(garbage.status()).toBe(400);
  expect(await garbage.json()).toMatchObject({ code: 'invalid_email' });

  // The customer writes in (with a signature the timeline does not need).
  const posted = await request.post('/api/inbound/email', {
    headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${SECRET}` },
    data: email([
      `From: ${from}`,
      'To: support@cairn.example',
      `Subject: ${subject}`,
      `Message-ID: <${firstId}>`,
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'My router reboots every ten minutes since Monday.',
      '',
      '-- ',
      'Mia Keller, Keller Bakery',
    ]),
  });
  expect(posted.status()).toBe(200);
  const created = (await posted.json()) as { status: string; ticketNumber: number };
  expect(created.status).toBe('accepted');
  const number = created.ticketNumber;

  // The agent finds it among the new requests, via e-mail, with the trimmed text.
  const agent = await personAs(browser, 'agent@demo.test');
  await agent.goto('/tickets?view=unassigned');
  await agent.getByRole('table', { name: 'New & unassigned' }).getByRole('link', { name: subject }).click();
  await expect(agent).toHaveURL(new RegExp(`/tickets/${number}$`));
  await expect(agent.getByRole('group', { name: 'Request state' })).toContainText('via email');
  const description = agent.getByRole('region', { name: 'Description' });
  await expect(description).toContainText('My router reboots every ten minutes since Monday.');
  await expect(description).not.toContainText('Keller Bakery');

  // The original is one click away, signature and all.
  await description.getByRole('link', { name: 'Original e-mail' }).click();
  await expect(agent.getByRole('region', { name: 'Text' })).toContainText('Keller Bakery');
  await expect(agent.getByRole('region', { name: 'Headers' })).toContainText(firstId);
  await agent.goBack();

  // The agent replies in the UI.
  const reply = agent.getByRole('form', { name: 'Reply' });
  await reply.getByLabel('Message').fill('Please update the firmware to 2.4.1 and tell us if it helps.');
  await reply.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(agent.getByRole('list', { name: 'Timeline' })).toContainText('update the firmware to 2.4.1');

  // Our reply is in the outbox, threaded under the customer's Message-ID, as an admin reads it.
  const admin = await personAs(browser, 'admin@demo.test');
  await admin.goto('/admin/outbox');
  await admin.getByLabel('Address or subject').fill(`mia.keller.${stamp}@customer.example`);
  await admin.getByRole('button', { name: 'Filter' }).click();
  await admin
    .getByRole('list', { name: 'Mail' })
    .getByRole('link', { name: `[#${number}] Re: ${subject}` })
    .click();
  await expect(admin.getByRole('region', { name: 'Text part' })).toContainText('update the firmware to 2.4.1');
  const headers = admin.getByRole('region', { name: 'Headers' });
  // References carry the customer's Message-ID (In-Reply-To is the thread's newest message: the
  // customer's mail or our acknowledgement of it, whichever was stamped later).
  await expect(
    headers
      .getByRole('definition')
      .filter({ hasText: `<${firstId}>` })
      .first(),
  ).toBeVisible();
  const ourId = (await headers
    .getByText(/^<cairn\.[0-9a-f-]{36}@[^>]+>$/)
    .first()
    .textContent())!.slice(1, -1);

  // The customer answers by e-mail (quoting us); it lands on the open page without a reload.
  const answer = await request.post('/api/inbound/email', {
    headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${SECRET}` },
    data: email([
      `From: ${from}`,
      'To: support@cairn.example',
      `Subject: Re: [#${number}] ${subject}`,
      `Message-ID: <answer.${stamp}@customer.example>`,
      `In-Reply-To: <${ourId}>`,
      `References: <${firstId}> <${ourId}>`,
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Firmware updated, no reboot for an hour now.',
      '',
      `On Mon, 30 Nov 2026 at 10:00, Cairn Support <support@cairn.example> wrote:`,
      '> Please update the firmware to 2.4.1 and tell us if it helps.',
    ]),
  });
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toMatchObject({ status: 'accepted', ticketNumber: number });
  const timeline = agent.getByRole('list', { name: 'Timeline' });
  await expect(timeline).toContainText('Firmware updated, no reboot for an hour now.');
  const answered = timeline.getByRole('listitem').filter({ hasText: 'Firmware updated' });
  await expect(answered).not.toContainText('tell us if it helps');
  await expect(answered.getByRole('link', { name: 'Original e-mail' })).toBeVisible();

  // A 16 MB message arrives whole over HTTP (nothing cuts the body at 10 MB on the way): its 12 MB
  // attachment is over the limit, so the request is stored without it and says so.
  const big = Buffer.alloc(12 * 1024 * 1024, 7);
  big.write('%PDF-1.4\n', 0, 'latin1');
  const large = await request.post('/api/inbound/email', {
    headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${SECRET}` },
    data: email([
      `From: ${from}`,
      `Subject: The contract scan ${stamp}`,
      `Message-ID: <large.${stamp}@customer.example>`,
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
    ]),
  });
  expect(large.status()).toBe(200);
  expect(await large.json()).toMatchObject({
    status: 'accepted',
    reason: expect.stringMatching(/contract\.pdf \(The file is larger than/),
  });

  // The same delivery again is stored once and changes nothing.
  const again = await request.post('/api/inbound/email', {
    headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${SECRET}` },
    data: email([`From: ${from}`, `Subject: ${subject}`, `Message-ID: <${firstId}>`, '', 'again']),
  });
  expect(await again.json()).toMatchObject({ status: 'duplicate', ticketNumber: number });

  // Customers never see originals.
  const customer = await personAs(browser, 'customer@demo.test');
  const href = await answered.getByRole('link', { name: 'Original e-mail' }).getAttribute('href');
  const page = await customer.goto(href!);
  expect(page?.status()).toBe(404);
  const raw = await customer.request.get(`/api/v1/emails/${href!.split('/').pop()}/raw`);
  expect(raw.status()).toBe(404);
  const staffRaw = await agent.request.get(`/api/v1/emails/${href!.split('/').pop()}/raw`);
  expect(staffRaw.status()).toBe(200);
  expect(staffRaw.headers()['content-type']).toBe('message/rfc822');
  expect(staffRaw.headers()['content-disposition']).toMatch(/^attachment;/);
});

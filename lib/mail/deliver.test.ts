import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { QUEUES } from '@/lib/jobs/queues';
import { SMTP_TIMEOUTS, smtpTransportUrl } from './deliver';

/** The options nodemailer's SMTP transport really runs with. */
const optionsOf = (url: string) =>
  (nodemailer.createTransport(url) as unknown as { options: Record<string, unknown> }).options;

describe('SMTP timeouts', () => {
  it('a send gives up before its mail.send job expires (no second send while the first still runs)', () => {
    const worstCase =
      SMTP_TIMEOUTS.dnsTimeout +
      SMTP_TIMEOUTS.connectionTimeout +
      SMTP_TIMEOUTS.greetingTimeout +
      SMTP_TIMEOUTS.socketTimeout;
    expect(worstCase).toBeLessThan(QUEUES['mail.send'].expireInSeconds * 1000);
  });

  it('reach the transport built from SMTP_URL; a timeout the URL sets itself wins', () => {
    expect(optionsOf(smtpTransportUrl('smtp://user:p%40ss@mail.example.com:587'))).toMatchObject({
      ...SMTP_TIMEOUTS,
      host: 'mail.example.com',
      port: 587,
      auth: { user: 'user', pass: 'p@ss' },
    });
    const own = optionsOf(smtpTransportUrl('smtps://mail.example.com:465?socketTimeout=5000'));
    expect(own).toMatchObject({ socketTimeout: 5000, greetingTimeout: SMTP_TIMEOUTS.greetingTimeout });
  });
});

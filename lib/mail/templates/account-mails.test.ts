import { describe, expect, it } from 'vitest';
import { accountExistsMail } from './account-exists';
import { emailVerificationMail } from './email-verification';
import { passwordResetMail } from './password-reset';

const url = 'https://help.example.com/reset/AbC_-123';
const name = '<b>Eve</b> & "friends"';

describe('account mails', () => {
  for (const [kind, mail] of [
    ['password reset', passwordResetMail({ name, url, supportName: 'Acme Support' })],
    ['e-mail verification', emailVerificationMail({ name, url, supportName: 'Acme Support' })],
    [
      'account exists',
      accountExistsMail({
        name,
        resetUrl: url,
        signInUrl: 'https://help.example.com/signin',
        supportName: 'Acme Support',
      }),
    ],
  ] as const) {
    it(`${kind}: the link in both parts, the name escaped in HTML, signed by the support team`, () => {
      expect(mail.text).toContain(url);
      expect(mail.html).toContain(`href="${url}"`);
      expect(mail.text).toContain(`Hello ${name},`);
      expect(mail.html).not.toContain('<b>Eve</b>');
      expect(mail.html).toContain('&lt;b&gt;Eve&lt;/b&gt; &amp; &quot;friends&quot;');
      expect(mail.text).toContain('-- \nAcme Support');
      expect(mail.subject).not.toMatch(/[\r\n]/);
    });
  }
});

import { describe, expect, it } from 'vitest';
import { invitationMail } from './invitation';

describe('the invitation mail', () => {
  const data = {
    name: 'Ada <script>',
    inviterName: 'Grace',
    roleLabel: 'Agent',
    url: 'http://localhost:3000/invite/abc',
    expiresAt: new Date('2026-01-08T00:00:00Z'),
    supportName: 'Acme Support',
  };
  it('says who invited whom as what, with the link, in both parts', () => {
    const mail = invitationMail(data);
    expect(mail.subject).toBe('You are invited to join Acme Support');
    expect(mail.text).toContain('Grace has invited you to join Acme Support on Cairn as an agent.');
    expect(mail.text).toContain('http://localhost:3000/invite/abc');
    expect(mail.html).toContain('href="http://localhost:3000/invite/abc"');
    expect(mail.html).toContain('Ada &lt;script&gt;');
    expect(mail.html).not.toContain('<script>');
  });
  it('from the command line, without an inviter', () => {
    expect(invitationMail({ ...data, inviterName: null, roleLabel: 'Team lead' }).text).toContain(
      'You have been invited to join Acme Support on Cairn as a team lead.',
    );
  });
});

import { composeMail, type RenderedMail } from './layout';

/** The link that sets a new password (lib/auth/password-reset.ts). */
export function passwordResetMail(data: { name: string; url: string; supportName: string }): RenderedMail {
  return composeMail({
    subject: 'Reset your password',
    greeting: `Hello ${data.name},`,
    paragraphs: [
      'Someone (we hope you) asked to reset the password of your account. Choose a new one with the link below. It works once, for one hour.',
      'If you did not ask for this, ignore this mail: your password stays as it is.',
    ],
    action: { label: 'Choose a new password', url: data.url },
    signature: data.supportName,
    footer: 'You get this mail because a password reset was requested for this address.',
  });
}

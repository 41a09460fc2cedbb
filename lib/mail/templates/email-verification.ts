import { composeMail, type RenderedMail } from './layout';

/** The link that confirms a portal sign-up and creates the login (lib/auth/sign-up.ts). */
export function emailVerificationMail(data: { name: string; url: string; supportName: string }): RenderedMail {
  return composeMail({
    subject: 'Confirm your e-mail address',
    greeting: `Hello ${data.name},`,
    paragraphs: [
      'Thank you for creating an account. Confirm that this address is yours with the link below, and your account is ready. The link works once, for 48 hours.',
      'If you already wrote to us or called us from this address, your earlier requests will be in your account too.',
      'If you did not sign up, ignore this mail: no account is created.',
    ],
    action: { label: 'Confirm my e-mail address', url: data.url },
    signature: data.supportName,
    footer: 'You get this mail because someone signed up with this address.',
  });
}

import { composeMail, type RenderedMail } from './layout';

/**
 * Sent instead of a verification link when someone signs up with an address that already has a
 * login: the form answers the same either way, so only the address's owner learns it exists.
 */
export function accountExistsMail(data: {
  name: string;
  resetUrl: string;
  signInUrl: string;
  supportName: string;
}): RenderedMail {
  return composeMail({
    subject: 'You already have an account',
    greeting: `Hello ${data.name},`,
    paragraphs: [
      `Someone (we hope you) tried to create an account with this address, but it already has one. Sign in at ${data.signInUrl}.`,
      'Forgot your password? Choose a new one with the link below.',
      'If this was not you, ignore this mail: nothing has changed.',
    ],
    action: { label: 'Reset my password', url: data.resetUrl },
    signature: data.supportName,
    footer: 'You get this mail because someone signed up with this address.',
  });
}

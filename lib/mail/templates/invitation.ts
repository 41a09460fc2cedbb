import { composeMail, type RenderedMail } from './layout';

export interface InvitationMailData {
  /** The invited person's name, as the admin typed it. */
  name: string;
  /** Who invited them; null when the invitation came from the command line. */
  inviterName: string | null;
  roleLabel: string;
  url: string;
  expiresAt: Date;
  supportName: string;
}

/** An invitation to join the helpdesk's staff: the link sets the password, once. */
export function invitationMail(data: InvitationMailData): RenderedMail {
  const who = data.inviterName ? `${data.inviterName} has invited you` : 'You have been invited';
  return composeMail({
    subject: `You are invited to join ${data.supportName}`,
    greeting: `Hello ${data.name},`,
    paragraphs: [
      `${who} to join ${data.supportName} on Cairn as ${/^[AEIOU]/i.test(data.roleLabel) ? 'an' : 'a'} ${data.roleLabel.toLowerCase()}.`,
      'Open the link below to choose your password and sign in. The link works once.',
    ],
    action: { label: 'Accept the invitation', url: data.url },
    signature: data.supportName,
    footer: `This link expires on ${data.expiresAt.toUTCString()}. If you did not expect it, you can ignore this mail.`,
  });
}

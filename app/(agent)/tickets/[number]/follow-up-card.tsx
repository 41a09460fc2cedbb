import { TicketFollowUp } from '@/components/follow-up/ticket-follow-up';
import { getDb } from '@/db/client';
import type { Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { listTicketFollowUps } from '@/lib/follow-up/list-follow-ups';
import { callMayBeRequested } from '@/lib/follow-up/outcomes';
import { requestCallAction } from './follow-up-actions';

/** The ticket page's follow-up card (one line in page.tsx): reads through lib, renders the component. */
export async function FollowUpCard({
  actor,
  ticket,
}: {
  actor: Actor;
  ticket: Pick<Ticket, 'id' | 'number' | 'status'>;
}) {
  const followUps = await listTicketFollowUps(getDb(), actor, ticket.id);
  const openCall = followUps.some((f) => f.kind === 'call' && f.status === 'open');
  return (
    <TicketFollowUp
      number={ticket.number}
      canMark={callMayBeRequested(ticket.status) && !openCall}
      followUps={followUps}
      action={requestCallAction}
    />
  );
}

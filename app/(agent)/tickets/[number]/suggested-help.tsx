import { SuggestedHelpPanel } from '@/components/help/suggested-help-panel';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import type { Ticket } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { suggestHelpForTicket } from '@/lib/help/ticket-suggestions';
import { isReadOnly } from '@/lib/tickets/transitions';

/** The ticket page's "Suggested help" card (issue 13): one lib/ call, its result mapped to the panel. */
export async function SuggestedHelp({ actor, ticket }: { actor: Actor; ticket: Ticket }) {
  const result = await suggestHelpForTicket(getDb(), actor, ticket);
  if (!result.ok) return null;
  return (
    <Card title="Suggested help">
      <SuggestedHelpPanel items={result.data} canReply={!isReadOnly(ticket)} />
    </Card>
  );
}

import { redirect } from 'next/navigation';
import { getActor } from './_auth/session';

/** Everyone lands where their work is: customers in the portal, agents on the queue, leads on the dashboard. */
export default async function Home() {
  const actor = await getActor();
  if (!actor) redirect('/signin');
  redirect(actor.role === 'customer' ? '/portal' : actor.role === 'agent' ? '/tickets' : '/dashboard');
}

import type { Db } from '@/db/client';
import { auditLog } from '@/db/schema';
import { inviteStaff } from '@/lib/admin/invitations';
import type { People } from './people';

const DAY = 86_400_000;

/**
 * /admin/people and /admin/audit in the demo: one pending invitation (sent through the real use
 * case, so its mail with a working link is in the outbox) and a short history of earlier admin
 * changes, dated in the past.
 */
export async function seedPeopleAdmin(tx: Db, people: People, now: Date): Promise<void> {
  const staff = (email: string) => {
    const ref = people.staffByEmail.get(email);
    if (!ref) throw new Error(`no demo staff ${email}`);
    return ref;
  };
  const ada = staff('admin@demo.test');
  const dana = staff('dana.whitfield@demo.test');
  const noah = staff('noah.fischer@demo.test');
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const label = (p: { name: string; email: string }) => `${p.name} <${p.email}>`;

  await tx.insert(auditLog).values([
    {
      actorUserId: null,
      action: 'user.created',
      entityType: 'user',
      entityId: ada.id,
      entityLabel: label(ada),
      after: { email: ada.email, name: ada.name, role: 'admin' },
      createdAt: ago(450),
    },
    {
      actorUserId: ada.id,
      action: 'user.role_changed',
      entityType: 'user',
      entityId: dana.id,
      entityLabel: label(dana),
      before: { role: 'agent' },
      after: { role: 'lead' },
      createdAt: ago(120),
    },
    {
      actorUserId: ada.id,
      action: 'invitation.sent',
      entityType: 'invitation',
      entityId: noah.email,
      entityLabel: label(noah),
      after: { email: noah.email, name: noah.name, role: 'agent', teams: ['Returns'] },
      createdAt: ago(90),
    },
    {
      actorUserId: noah.id,
      action: 'invitation.accepted',
      entityType: 'invitation',
      entityId: noah.email,
      entityLabel: label(noah),
      before: { status: 'pending' },
      after: { status: 'accepted', name: noah.name, role: 'agent', teams: ['Returns'] },
      createdAt: ago(89),
    },
  ]);

  const returns = people.teams.find((t) => t.name === 'Returns');
  const invited = await inviteStaff(
    tx,
    { userId: ada.id, role: 'admin', name: ada.name, email: ada.email, customerId: null },
    { email: 'robin.hale@demo.test', name: 'Robin Hale', role: 'agent', teamIds: returns?.id ? [returns.id] : [] },
  );
  if (!invited.ok) throw new Error(`demo invitation: ${invited.message}`);
}

import { NotificationSettings } from '@/components/account/notification-settings';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { isStaff, type Actor } from '@/lib/auth/actor';
import { getNotificationSettings } from '@/lib/notifications/preferences';
import { saveNotificationSettingsAction } from './notification-actions';

/** The account page's notification settings (staff only: customers get no notifications). */
export async function NotificationSettingsSection({ actor }: { actor: Actor }) {
  if (!isStaff(actor)) return null;
  const { notifyByEmail } = await getNotificationSettings(getDb(), actor);
  return (
    <Card title="Notifications">
      <NotificationSettings notifyByEmail={notifyByEmail} action={saveNotificationSettingsAction} />
    </Card>
  );
}

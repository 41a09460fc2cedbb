import type { Metadata } from 'next';
import { ADMINS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { SettingsForms } from '@/components/admin/settings-forms';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getSettings } from '@/lib/settings/settings';
import { updateSettingsAction } from './actions';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const actor = await requireActor(ADMINS);
  const settings = await getSettings(getDb());
  return (
    <AdminShell actor={actor} current="/admin/settings" title="Settings">
      <Card>
        <SettingsForms
          action={updateSettingsAction}
          values={{
            followUpDays: settings.followUpDays,
            survey: settings.survey,
            maxMegabytes: Math.round((settings.attachments.maxBytes / (1024 * 1024)) * 100) / 100,
            mail: settings.mail,
            cernUpdates: settings.cernUpdates,
            retention: settings.retention,
            serviceTargets: settings.serviceTargets,
          }}
        />
      </Card>
    </AdminShell>
  );
}

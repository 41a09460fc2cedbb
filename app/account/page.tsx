import type { Metadata } from 'next';
import { requireActor } from '@/app/_auth/session';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { ProfileForm } from '@/components/account/profile-form';
import { SessionList } from '@/components/account/session-list';
import { SignOutEverywhereButton } from '@/components/account/sign-out-everywhere-button';
import { PortalShell } from '@/components/layout/portal-shell';
import { StaffShell } from '@/components/layout/staff-shell';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getProfile, MAX_SIGNATURE } from '@/lib/auth/account';
import { isStaff } from '@/lib/auth/actor';
import { listSessions } from '@/lib/auth/sessions';
import { changePasswordAction, endSessionAction, signOutEverywhereAction, updateProfileAction } from './actions';
import { NotificationSettingsSection } from './notification-settings-section';
import { ApiTokensSection } from './api-tokens-section';

export const metadata: Metadata = { title: 'Your account' };

/** Every signed-in user's own account: profile, password and sessions (each section its own card). */
export default async function AccountPage() {
  const actor = await requireActor();
  const [profile, sessions] = await Promise.all([getProfile(getDb(), actor), listSessions(getDb(), actor)]);
  const content = (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Your account</h1>
        <p className="mt-1 text-sm text-slate-600">
          {actor.name} · {actor.email}
        </p>
      </div>
      <Card title="Profile">
        <ProfileForm
          action={updateProfileAction}
          name={profile.name}
          signature={profile.signature}
          maxSignature={MAX_SIGNATURE}
        />
      </Card>
      <Card title="Change password">
        <ChangePasswordForm action={changePasswordAction} />
      </Card>
      <Card title="Where you are signed in" actions={<SignOutEverywhereButton action={signOutEverywhereAction} />}>
        <SessionList sessions={sessions} endAction={endSessionAction} />
      </Card>
      <NotificationSettingsSection actor={actor} />
      {isStaff(actor) ? <ApiTokensSection actor={actor} /> : null}
    </div>
  );
  return isStaff(actor) ? (
    <StaffShell actor={actor}>{content}</StaffShell>
  ) : (
    <PortalShell actor={actor}>{content}</PortalShell>
  );
}

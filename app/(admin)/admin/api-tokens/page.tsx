import type { Metadata } from 'next';
import Link from 'next/link';
import { ADMINS, requireActor } from '@/app/_auth/session';
import { createApiTokenAction, revokeApiTokenAction } from '@/app/account/api-token-actions';
import { AdminShell } from '@/components/admin/admin-shell';
import { NewTokenForm } from '@/components/api/token-forms';
import { TokenList } from '@/components/api/token-list';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { SCOPES } from '@/lib/api/scopes';
import { listApiTokens, tokenOwnerChoices } from '@/lib/api/tokens';

export const metadata: Metadata = { title: 'API tokens' };

/** Every API token: admins create them for any member of staff and revoke any. */
export default async function ApiTokensPage() {
  const actor = await requireActor(ADMINS);
  const db = getDb();
  const [tokens, owners] = await Promise.all([listApiTokens(db, actor, { all: true }), tokenOwnerChoices(db, actor)]);
  return (
    <AdminShell actor={actor} current="/admin/api-tokens" title="API tokens">
      <p className="text-sm text-slate-600">
        Tokens let other systems use the <Link href="/api/docs">REST API</Link> as a member of staff, within the
        token&apos;s scope and never beyond the owner&apos;s role. Staff can also make their own on their account page.
      </p>
      <Card title="New API token">
        <NewTokenForm action={createApiTokenAction} scopes={[...SCOPES]} owners={owners} />
      </Card>
      <Card title="All tokens">
        {/* eslint-disable-next-line react-hooks/purity -- a server component renders once per request */}
        <TokenList tokens={tokens} revokeAction={revokeApiTokenAction} showOwner now={Date.now()} />
      </Card>
    </AdminShell>
  );
}

import Link from 'next/link';
import { NewTokenForm } from '@/components/api/token-forms';
import { TokenList } from '@/components/api/token-list';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { maxScopeFor, SCOPES, scopeAllows } from '@/lib/api/scopes';
import { listApiTokens } from '@/lib/api/tokens';
import type { Actor } from '@/lib/auth/actor';
import { createApiTokenAction, revokeApiTokenAction } from './api-token-actions';

/** Staff's own API tokens: make one within your role, see when each was last used, revoke. */
export async function ApiTokensSection({ actor }: { actor: Actor }) {
  const tokens = await listApiTokens(getDb(), actor);
  const max = maxScopeFor(actor.role);
  const scopes = max ? SCOPES.filter((s) => scopeAllows(max, s)) : [];
  return (
    <Card title="API tokens">
      <div className="space-y-4">
        <p className="text-sm text-slate-600">
          For scripts and other systems using the <Link href="/api/docs">REST API</Link> as you.
        </p>
        <NewTokenForm action={createApiTokenAction} scopes={scopes} />
        {/* eslint-disable-next-line react-hooks/purity -- a server component renders once per request */}
        <TokenList tokens={tokens} revokeAction={revokeApiTokenAction} showOwner={false} now={Date.now()} />
      </div>
    </Card>
  );
}

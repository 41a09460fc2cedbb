import { TableScroll } from '@/components/ui/table-scroll';
import { ButtonForm } from '@/components/admin/person-forms';
import type { FormActionFn } from '@/components/agent/action-form';
import { Badge } from '@/components/ui/badge';
import { LocalTime } from '@/components/ui/local-time';
import type { TokenRow } from '@/lib/api/tokens';

function state(t: TokenRow, now: number): { label: string; tone: 'slate' | 'red' | 'green' } {
  if (t.revokedAt) return { label: 'Revoked', tone: 'red' };
  if (t.expiresAt && t.expiresAt.getTime() <= now) return { label: 'Expired', tone: 'slate' };
  return { label: 'Active', tone: 'green' };
}

/** API tokens (never their secrets): name, owner, scope, last use, expiry, and Revoke. */
export function TokenList({
  tokens,
  revokeAction,
  showOwner,
  now,
}: {
  tokens: TokenRow[];
  revokeAction: FormActionFn;
  showOwner: boolean;
  now: number;
}) {
  if (tokens.length === 0) return <p className="text-sm text-slate-600">No API tokens yet.</p>;
  return (
    <TableScroll label="API tokens table">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">API tokens</caption>
        <thead className="text-xs text-slate-500 uppercase">
          <tr>
            <th scope="col" className="py-2 pr-3">
              Name
            </th>
            {showOwner ? (
              <th scope="col" className="py-2 pr-3">
                Owner
              </th>
            ) : null}
            <th scope="col" className="py-2 pr-3">
              Scope
            </th>
            <th scope="col" className="py-2 pr-3">
              Last used
            </th>
            <th scope="col" className="py-2 pr-3">
              Expires
            </th>
            <th scope="col" className="py-2 pr-3">
              Status
            </th>
            <th scope="col" className="py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tokens.map((t) => {
            const s = state(t, now);
            return (
              <tr key={t.id}>
                <td className="py-2 pr-3">
                  <span className="font-medium text-slate-900">{t.name}</span>
                  <span className="block font-mono text-xs text-slate-500">{t.prefix}…</span>
                </td>
                {showOwner ? <td className="py-2 pr-3">{t.ownerName}</td> : null}
                <td className="py-2 pr-3">{t.scope}</td>
                <td className="py-2 pr-3">{t.lastUsedAt ? <LocalTime value={t.lastUsedAt} /> : 'Never'}</td>
                <td className="py-2 pr-3">{t.expiresAt ? <LocalTime value={t.expiresAt} /> : 'Never'}</td>
                <td className="py-2 pr-3">
                  <Badge tone={s.tone}>{s.label}</Badge>
                </td>
                <td className="py-2">
                  {s.label === 'Active' ? (
                    <ButtonForm
                      action={revokeAction}
                      hidden={{ id: t.id }}
                      submitLabel="Revoke"
                      label={`Revoke ${t.name}`}
                      variant="danger"
                    />
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

import type { Metadata } from 'next';
import { ADMINS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { DeleteRuleForm, RuleButton, RuleForm, TryRulesForm } from '@/components/admin/rule-forms';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { describeActions, describeConditions, TRIGGER_LABELS } from '@/lib/routing/describe';
import { listRulesForAdmin } from '@/lib/routing/manage-rules';
import {
  createRuleAction,
  deleteRuleAction,
  moveRuleAction,
  setRuleActiveAction,
  tryRulesAction,
  updateRuleAction,
} from './actions';

export const metadata: Metadata = { title: 'Routing rules' };

/**
 * Routing rules, in the order they are evaluated: conditions → actions, each action an event
 * naming the rule on the request. Admins only. "Try against a request" is a dry run.
 */
export default async function RulesPage() {
  const actor = await requireActor(ADMINS);
  const { rules, choices } = await listRulesForAdmin(getDb(), actor);
  return (
    <AdminShell actor={actor} current="/admin/rules" title="Routing rules">
      <p className="text-sm text-slate-700">
        Rules run in this order when a request is created or updated (a customer writes, or staff change its fields).
        Each rule whose conditions all hold makes its changes; later rules see them. A rule that stops ends the list.
      </p>
      <Card title="Rules in order">
        {rules.length === 0 ? (
          <p className="text-sm text-slate-600">No rules yet. New requests keep the team their category gives.</p>
        ) : (
          <ol className="divide-y divide-slate-100" aria-label="Rules">
            {rules.map((r, i) => (
              <li key={r.id} className="space-y-2 py-3" aria-label={r.name}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="font-medium break-words text-slate-900">
                    {i + 1}. {r.name} {r.active ? <Badge tone="green">active</Badge> : <Badge>inactive</Badge>}{' '}
                    {r.stopProcessing ? <Badge tone="amber">stops</Badge> : null}
                  </p>
                  <p className="text-sm text-slate-600">{TRIGGER_LABELS[r.runOn]}</p>
                </div>
                <div className="grid gap-2 text-sm sm:grid-cols-2">
                  <div>
                    <p className="font-medium text-slate-700">When</p>
                    <ul className="ml-4 list-disc break-words text-slate-700">
                      {describeConditions(r.conditions, r.names).map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  </div>
                  <div>
                    <p className="font-medium text-slate-700">Then</p>
                    <ul className="ml-4 list-disc break-words text-slate-700">
                      {describeActions(r.actions, r.names).map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  </div>
                </div>
                <div className="flex flex-wrap items-start gap-2">
                  {i > 0 ? (
                    <RuleButton
                      action={moveRuleAction}
                      fields={{ id: r.id, direction: 'up' }}
                      label="Move up"
                      accessibleLabel={`Move ${r.name} up`}
                    />
                  ) : null}
                  {i < rules.length - 1 ? (
                    <RuleButton
                      action={moveRuleAction}
                      fields={{ id: r.id, direction: 'down' }}
                      label="Move down"
                      accessibleLabel={`Move ${r.name} down`}
                    />
                  ) : null}
                  <RuleButton
                    action={setRuleActiveAction}
                    fields={{ id: r.id, active: r.active ? 'false' : 'true' }}
                    label={r.active ? 'Deactivate' : 'Activate'}
                    accessibleLabel={`${r.active ? 'Deactivate' : 'Activate'} ${r.name}`}
                  />
                </div>
                <details>
                  <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit {r.name}</summary>
                  <div className="mt-2">
                    <RuleForm
                      action={updateRuleAction}
                      choices={choices}
                      rule={{
                        id: r.id,
                        version: r.version,
                        name: r.name,
                        runOn: r.runOn,
                        active: r.active,
                        stopProcessing: r.stopProcessing,
                        conditions: r.conditions,
                        actions: r.actions,
                      }}
                    />
                  </div>
                </details>
                <details>
                  <summary className="cursor-pointer text-sm font-medium text-red-700">Delete {r.name}</summary>
                  <div className="mt-2">
                    <DeleteRuleForm action={deleteRuleAction} rule={{ id: r.id, name: r.name }} />
                  </div>
                </details>
              </li>
            ))}
          </ol>
        )}
      </Card>
      <Card title="Try against a request">
        <TryRulesForm action={tryRulesAction} />
      </Card>
      <Card title="New rule">
        <RuleForm action={createRuleAction} choices={choices} />
      </Card>
    </AdminShell>
  );
}

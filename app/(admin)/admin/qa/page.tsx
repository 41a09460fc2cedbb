import type { Metadata } from 'next';
import { LEADS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { CriterionForm, SampleSizeForm } from '@/components/qa/qa-forms';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listCriteria } from '@/lib/qa/rubric';
import { getSettings } from '@/lib/settings/settings';
import { createCriterionAction, updateCriterionAction, updateSampleSizeAction } from './actions';

export const metadata: Metadata = { title: 'Quality review' };

/** The QA rubric (criteria scored 1–5) and the weekly sample size. Leads read; admins change. */
export default async function AdminQaPage() {
  const actor = await requireActor(LEADS);
  const db = getDb();
  const [criteria, settings] = await Promise.all([listCriteria(db, actor), getSettings(db)]);
  const admin = actor.role === 'admin';
  return (
    <AdminShell actor={actor} current="/admin/qa" title="Quality review">
      <Card title="Weekly sample">
        {admin ? (
          <SampleSizeForm action={updateSampleSizeAction} sampleSize={settings.qa.sampleSize} />
        ) : (
          <p className="text-sm text-slate-700">{settings.qa.sampleSize} requests per agent per week.</p>
        )}
      </Card>
      <Card title="Rubric">
        <p className="mb-3 text-sm text-slate-600">Each criterion is scored from 1 (poor) to 5 (excellent).</p>
        {criteria.length === 0 ? (
          <p className="text-sm text-slate-600">No criterion yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Criteria">
            {criteria.map((c) => (
              <li key={c.id} className="space-y-2 py-3">
                <p className="font-medium break-words text-slate-900">
                  {c.name} {c.active ? null : <Badge>inactive</Badge>}
                  <span className="ml-2 text-sm font-normal text-slate-600">position {c.position}</span>
                </p>
                {c.description ? <p className="text-sm break-words text-slate-600">{c.description}</p> : null}
                {admin ? (
                  <details>
                    <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit {c.name}</summary>
                    <div className="mt-2">
                      <CriterionForm action={updateCriterionAction} criterion={c} />
                    </div>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {admin ? (
        <Card title="New criterion">
          <CriterionForm action={createCriterionAction} />
        </Card>
      ) : null}
    </AdminShell>
  );
}

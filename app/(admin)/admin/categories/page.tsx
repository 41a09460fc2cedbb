import type { Metadata } from 'next';
import { LEADS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { CategoryForm, RetireCategoryForm } from '@/components/admin/category-forms';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { getDb } from '@/db/client';
import { listCategoriesForAdmin } from '@/lib/admin/categories';
import { listTeams } from '@/lib/admin/teams';
import { createCategoryAction, retireCategoryAction, updateCategoryAction } from './actions';

export const metadata: Metadata = { title: 'Categories' };

/**
 * Categories and the team each routes to. Retiring one keeps it on old requests and takes it out
 * of every form. Leads read the list; admins change it.
 */
export default async function CategoriesPage() {
  const actor = await requireActor(LEADS);
  const db = getDb();
  const admin = actor.role === 'admin';
  const [categories, teams] = await Promise.all([
    listCategoriesForAdmin(db, actor),
    admin ? listTeams(db, actor) : Promise.resolve([]),
  ]);
  return (
    <AdminShell actor={actor} current="/admin/categories" title="Categories">
      <Card title="All categories">
        <ul className="divide-y divide-slate-100" aria-label="Categories">
          {categories.map((c) => (
            <li key={c.id} className="space-y-2 py-3">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-medium break-words text-slate-900">
                  {c.name} {c.retiredAt ? <Badge>retired</Badge> : null}
                </p>
                <p className="text-sm text-slate-600">
                  Team: {c.defaultTeamName ?? 'none'}
                  {c.retiredAt ? (
                    <>
                      {' '}
                      · retired <LocalTime value={c.retiredAt} />
                    </>
                  ) : null}
                </p>
              </div>
              {c.description ? <p className="text-sm break-words text-slate-700">{c.description}</p> : null}
              {admin ? (
                <div className="flex flex-wrap items-start gap-3">
                  <details className="min-w-0 flex-1">
                    <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit {c.name}</summary>
                    <div className="mt-2">
                      <CategoryForm action={updateCategoryAction} teams={teams} category={c} />
                    </div>
                  </details>
                  <RetireCategoryForm
                    action={retireCategoryAction}
                    category={{ id: c.id, name: c.name, retired: c.retiredAt !== null }}
                  />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </Card>
      {admin ? (
        <Card title="New category">
          <CategoryForm action={createCategoryAction} teams={teams} />
        </Card>
      ) : null}
    </AdminShell>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor, STAFF } from '@/app/_auth/session';
import { StaffShell } from '@/components/layout/staff-shell';
import { MacroForm } from '@/components/macros/macro-forms';
import { MacroList } from '@/components/macros/macro-list';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listManagedMacros } from '@/lib/macros/manage-macros';
import { listActiveCategories } from '@/lib/tickets/categories';
import { createPersonalMacroAction, deletePersonalMacroAction, updatePersonalMacroAction } from './actions';

export const metadata: Metadata = { title: 'Your macros' };

/** An agent's personal macros: create, edit, delete. Shared ones are managed in /admin/macros. */
export default async function PersonalMacrosPage() {
  const actor = await requireActor(STAFF);
  const db = getDb();
  const [macros, categories] = await Promise.all([listManagedMacros(db, actor, 'personal'), listActiveCategories(db)]);
  return (
    <StaffShell actor={actor}>
      <div className="mx-auto max-w-3xl space-y-6">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Your macros</h1>
          <p className="mt-1 text-sm text-slate-600">
            Only you see these.{' '}
            {actor.role === 'admin' ? (
              <Link href="/admin/macros" className="text-brand-700 underline">
                Shared macros
              </Link>
            ) : (
              'Shared macros are managed by admins.'
            )}
          </p>
        </div>
        <Card title="Personal macros">
          <MacroList
            macros={macros}
            categories={categories}
            updateAction={updatePersonalMacroAction}
            deleteAction={deletePersonalMacroAction}
            showOwner={false}
          />
        </Card>
        <Card title="New personal macro">
          <MacroForm action={createPersonalMacroAction} categories={categories} />
        </Card>
      </div>
    </StaffShell>
  );
}

import type { Metadata } from 'next';
import { ADMINS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { MacroForm } from '@/components/macros/macro-forms';
import { MacroList } from '@/components/macros/macro-list';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listManagedMacros } from '@/lib/macros/manage-macros';
import { listActiveCategories } from '@/lib/tickets/categories';
import { createSharedMacroAction, deleteMacroAction, updateMacroAction } from './actions';

export const metadata: Metadata = { title: 'Macros' };

/** Shared macros (everyone uses them); agents keep their personal ones on /macros. */
export default async function AdminMacrosPage() {
  const actor = await requireActor(ADMINS);
  const db = getDb();
  const [macros, categories] = await Promise.all([listManagedMacros(db, actor, 'shared'), listActiveCategories(db)]);
  return (
    <AdminShell actor={actor} current="/admin/macros" title="Macros">
      <Card title="Shared macros">
        <MacroList
          macros={macros}
          categories={categories}
          updateAction={updateMacroAction}
          deleteAction={deleteMacroAction}
          showOwner
        />
      </Card>
      <Card title="New shared macro">
        <MacroForm action={createSharedMacroAction} categories={categories} />
      </Card>
    </AdminShell>
  );
}

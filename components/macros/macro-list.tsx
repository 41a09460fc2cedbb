import type { FormActionFn } from '@/components/agent/action-form';
import { DeleteMacroForm, MacroForm, type EditableMacro } from './macro-forms';

/** Macros with their text, each with an edit form (folded) and a delete button. */
export function MacroList({
  macros,
  categories,
  updateAction,
  deleteAction,
  showOwner,
}: {
  macros: (EditableMacro & { ownerName: string })[];
  categories: { id: string; name: string }[];
  updateAction: FormActionFn;
  deleteAction: FormActionFn;
  showOwner: boolean;
}) {
  if (macros.length === 0) return <p className="text-sm text-slate-600">No macros yet.</p>;
  return (
    <ul className="divide-y divide-slate-100" aria-label="Macros">
      {macros.map((m) => (
        <li key={m.id} className="space-y-2 py-3">
          <p className="font-medium break-words text-slate-900">{m.title}</p>
          {showOwner ? <p className="text-xs text-slate-600">By {m.ownerName}</p> : null}
          <p className="text-sm break-words whitespace-pre-wrap text-slate-700">{m.body}</p>
          <div className="flex flex-wrap items-start gap-3">
            <details className="min-w-0 flex-1">
              <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit {m.title}</summary>
              <div className="mt-2">
                <MacroForm action={updateAction} categories={categories} macro={m} />
              </div>
            </details>
            <DeleteMacroForm action={deleteAction} macro={m} />
          </div>
        </li>
      ))}
    </ul>
  );
}

'use client';

import { applyMacroAction, createMacroAction, linkAction, mergeAction, tagAction } from '@/app/(agent)/tickets/[number]/actions';
import { SelectField, TextArea, TextField } from '@/components/ui/field';
import { PRIORITY_LABELS } from '@/lib/priority/priority';
import type { ReferenceData } from '@/lib/tickets/reference-data';
import { ActionForm } from './action-form';

export function TagsForm({ number, tags }: { number: number; tags: string[] }) {
  return (
    <div className="space-y-3">
      {tags.length > 0 ? (
        <ul className="flex flex-wrap gap-1.5" aria-label="Tags">
          {tags.map((tag) => (
            <li key={tag}>
              <form action={async (fd) => void (await tagAction(null, fd))} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-2.5 text-xs">
                <input type="hidden" name="number" value={number} />
                <input type="hidden" name="remove" value={tag} />
                {tag}
                <button type="submit" aria-label={`Remove tag ${tag}`} className="rounded-full px-1 text-slate-500 hover:bg-slate-200">
                  ×
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">No tags.</p>
      )}
      <ActionForm action={tagAction} hidden={{ number }} submitLabel="Add tags" variant="secondary" label="Add tags">
        {(failed) => <TextField label="New tags" name="add" id="tags-add" hint="Comma-separated, e.g. vip, refund" defaultValue={failed?.values?.add} error={failed?.fieldErrors?.add} />}
      </ActionForm>
    </div>
  );
}

export function MacroForms({ number, macros, reference, canShare }: { number: number; macros: { id: string; title: string; scope: string }[]; reference: ReferenceData; canShare: boolean }) {
  return (
    <div className="space-y-4">
      <ActionForm action={applyMacroAction} hidden={{ number }} submitLabel="Apply macro" variant="secondary" label="Apply macro">
        {(failed) => (
          <>
            <SelectField label="Macro" name="macroId" defaultValue="" error={failed?.fieldErrors?.macroId}>
              <option value="">Choose…</option>
              {macros.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title}
                  {m.scope === 'shared' ? ' (shared)' : ''}
                </option>
              ))}
            </SelectField>
            <SelectField label="Send as" name="visibility" id="macro-visibility" defaultValue="public">
              <option value="public">Public reply</option>
              <option value="internal">Internal note</option>
            </SelectField>
          </>
        )}
      </ActionForm>
      <details className="rounded-md border border-slate-200 p-3">
        <summary className="cursor-pointer text-sm font-medium text-slate-700">Create a macro</summary>
        <div className="mt-3">
          <ActionForm action={createMacroAction} hidden={{ number }} submitLabel="Save macro" variant="secondary" label="Create macro">
            {(failed) => (
              <>
                <TextField label="Title" name="title" id="macro-title" defaultValue={failed?.values?.title} error={failed?.fieldErrors?.title} />
                <TextArea
                  label="Text"
                  name="body"
                  id="macro-body"
                  rows={4}
                  hint="Placeholders: {{customer.name}} {{ticket.number}} {{ticket.cern}} {{ticket.subject}} {{agent.name}}"
                  defaultValue={failed?.values?.body}
                  error={failed?.fieldErrors?.body}
                />
                <SelectField label="Then set status" name="setStatus" defaultValue="">
                  <option value="">Leave as is</option>
                  <option value="pending">Waiting on customer</option>
                  <option value="on_hold">On hold</option>
                  <option value="open">Open</option>
                </SelectField>
                <SelectField label="Then set priority" name="setPriority" defaultValue="">
                  <option value="">Leave as is</option>
                  {([1, 2, 3, 4] as const).map((p) => (
                    <option key={p} value={p}>
                      {PRIORITY_LABELS[p]}
                    </option>
                  ))}
                </SelectField>
                <SelectField label="Then set category" name="setCategoryId" defaultValue="">
                  <option value="">Leave as is</option>
                  {reference.categories.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </SelectField>
                {canShare ? (
                  <SelectField label="Who can use it" name="scope" defaultValue="personal" error={failed?.fieldErrors?.scope}>
                    <option value="personal">Only me</option>
                    <option value="shared">Everyone</option>
                  </SelectField>
                ) : null}
              </>
            )}
          </ActionForm>
        </div>
      </details>
    </div>
  );
}

export function MergeLinkForms({ number }: { number: number }) {
  return (
    <div className="space-y-4">
      <ActionForm action={mergeAction} hidden={{ number }} submitLabel="Merge" variant="secondary" label="Merge into another request">
        {(failed) => (
          <TextField
            label="Merge this request into #"
            name="into"
            inputMode="numeric"
            hint="Same customer only. This one closes and points there."
            defaultValue={failed?.values?.into}
            error={failed?.fieldErrors?.into}
          />
        )}
      </ActionForm>
      <ActionForm action={linkAction} hidden={{ number }} submitLabel="Link" variant="secondary" label="Link a related request">
        {(failed) => <TextField label="Related request #" name="other" inputMode="numeric" defaultValue={failed?.values?.other} error={failed?.fieldErrors?.other} />}
      </ActionForm>
    </div>
  );
}

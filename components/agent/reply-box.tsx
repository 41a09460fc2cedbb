'use client';

import Link from 'next/link';
import { startTransition, useActionState, useEffect, useId, useState } from 'react';
import { signalTyping } from '@/components/live/typing-signal';
import { Button } from '@/components/ui/button';
import { SelectField, TextArea } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { PRIORITY_LABELS, type Priority } from '@/lib/priority/priority';
import type { PipelineAction } from '@/lib/tickets/transitions';
import { isConflict } from './action-form';
import { onInsertIntoReply } from './reply-insert';
import type { TicketActionSet } from './ticket-actions';

type Then = '' | 'pending' | 'on_hold' | 'resolve';

const THEN: { value: Then; label: string; action?: PipelineAction }[] = [
  { value: '', label: 'Send' },
  { value: 'pending', label: 'Send and wait on customer', action: 'wait_on_customer' },
  { value: 'on_hold', label: 'Send and put on hold', action: 'hold' },
  { value: 'resolve', label: 'Send and resolve', action: 'resolve' },
];

/**
 * The reply box: a public reply or an internal note, what happens to the request after it (only
 * the changes the state machine allows now), and macros that fill the box for review — nothing
 * is sent until the agent sends it.
 */
export function ReplyBox({
  number,
  version,
  allowed,
  macros,
  categories,
  actions,
}: {
  number: number;
  version: number;
  allowed: PipelineAction[];
  macros: { id: string; title: string; scope: string }[];
  categories: { id: string; name: string }[];
  actions: Pick<TicketActionSet, 'send' | 'previewMacro'>;
}) {
  const [visibility, setVisibility] = useState<'public' | 'internal'>('public');
  const [body, setBody] = useState('');
  const [then, setThen] = useState<Then>('');
  const [summary, setSummary] = useState('');
  const [macroId, setMacroId] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [macroError, setMacroError] = useState<string | null>(null);
  const [filling, setFilling] = useState(false);
  const [state, dispatch, pending] = useActionState(
    async (prev: Awaited<ReturnType<typeof actions.send>>, data: FormData) => {
      const next = await actions.send(prev, data);
      if (next?.ok) {
        setBody('');
        setThen('');
        setSummary('');
        setNotice(null);
      }
      return next;
    },
    null,
  );
  const id = useId();
  // A link from "Suggested help" is added to what is written, like a macro: for review, not sent.
  useEffect(
    () =>
      onInsertIntoReply((text) => {
        setBody((current) => (current.trim() ? `${current.trimEnd()}\n\n${text}` : text));
        setNotice(
          visibility === 'public'
            ? 'Link inserted — review it, then send.'
            : 'Link inserted into the internal note — choose Public reply to send it to the customer.',
        );
      }),
    [visibility],
  );
  const failed = state && !state.ok ? state : null;
  const choices = THEN.filter((t) => !t.action || (visibility === 'public' && allowed.includes(t.action)));

  async function fill() {
    if (!macroId) {
      setMacroError('Choose a macro.');
      return;
    }
    setFilling(true);
    const result = await actions.previewMacro(number, macroId);
    setFilling(false);
    if (!result?.ok || !result.data) {
      setMacroError(result && !result.ok ? result.error : 'The macro could not be used.');
      return;
    }
    const preview = result.data;
    setMacroError(null);
    setBody(preview.body);
    if (preview.setStatus === 'pending' || preview.setStatus === 'on_hold') setThen(preview.setStatus);
    const extra = [
      preview.setPriority ? `priority ${PRIORITY_LABELS[preview.setPriority as Priority]}` : null,
      preview.setCategoryId ? `category ${categories.find((c) => c.id === preview.setCategoryId)?.name ?? ''}` : null,
    ].filter(Boolean);
    setNotice(
      `Macro text inserted — review it, then send.${preview.setStatus ? ` It proposes: ${preview.setStatus === 'open' ? 'open' : preview.setStatus.replace('_', ' ')}.` : ''}${extra.length ? ` It also suggests ${extra.join(' and ')}: set them under Properties.` : ''}`,
    );
  }

  const label = THEN.find((t) => t.value === then)?.label ?? 'Send';
  return (
    <form
      aria-label="Reply"
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => dispatch(data));
      }}
    >
      <input type="hidden" name="number" value={number} />
      <input type="hidden" name="version" value={version} />
      <FormMessage error={failed?.error} success={state?.ok ? state.message : null} />
      {isConflict(state) ? (
        <Button variant="secondary" onClick={() => window.location.reload()}>
          Reload the request
        </Button>
      ) : null}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <fieldset className="flex gap-4 text-sm">
          <legend className="sr-only">Visibility</legend>
          <label className="flex items-center gap-1.5">
            <input
              type="radio"
              name="visibility"
              value="public"
              checked={visibility === 'public'}
              onChange={() => setVisibility('public')}
            />{' '}
            Public reply
          </label>
          <label className="flex items-center gap-1.5">
            <input
              type="radio"
              name="visibility"
              value="internal"
              checked={visibility === 'internal'}
              onChange={() => {
                setVisibility('internal');
                setThen('');
              }}
            />{' '}
            Internal note
          </label>
        </fieldset>
        {macros.length > 0 ? (
          <div className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor={`${id}-macro`} className="block text-xs font-medium text-slate-700">
                Macro
              </label>
              <select
                id={`${id}-macro`}
                value={macroId}
                onChange={(e) => setMacroId(e.target.value)}
                className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
              >
                <option value="">Choose…</option>
                {macros.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.title}
                    {m.scope === 'shared' ? ' (shared)' : ''}
                  </option>
                ))}
              </select>
            </div>
            <Button variant="secondary" onClick={() => void fill()} disabled={filling}>
              Insert macro
            </Button>
            <Link href="/macros" className="self-center text-sm text-brand-700 underline">
              Your macros
            </Link>
          </div>
        ) : null}
      </div>
      {macroError ? <FormMessage error={macroError} /> : null}
      {notice ? (
        <p role="status" className="text-sm text-slate-700">
          {notice}
        </p>
      ) : null}
      <TextArea
        label="Message"
        name="body"
        rows={6}
        value={body}
        onChange={(e) => {
          setBody(e.target.value);
          signalTyping();
        }}
        error={failed?.fieldErrors?.body}
      />
      {then === 'resolve' ? (
        <TextArea
          label="Resolution summary"
          name="summary"
          id="reply-summary"
          rows={2}
          hint="Empty: the reply is the summary."
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          error={failed?.fieldErrors?.summary}
        />
      ) : null}
      <div className="flex flex-wrap items-end gap-2">
        {choices.length > 1 ? (
          <SelectField
            label="After sending"
            name="then"
            id="reply-then"
            value={then}
            onChange={(e) => setThen(e.target.value as Then)}
          >
            {choices.map((t) => (
              <option key={t.value} value={t.value}>
                {t.value === '' ? 'Leave the status' : t.label.replace('Send and ', '')}
              </option>
            ))}
          </SelectField>
        ) : null}
        <Button type="submit" disabled={pending}>
          {pending ? 'Sending…' : visibility === 'internal' ? 'Add note' : label}
        </Button>
      </div>
    </form>
  );
}

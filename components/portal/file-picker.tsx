'use client';

import { useId, useRef, useState, type ChangeEvent } from 'react';
import { Button } from '@/components/ui/button';
import { ACCEPT, ALLOWED_LABELS, formatBytes, tooLargeMessage } from '@/lib/attachments/limits';

/** Mirrors lib/portal/uploads.ts MAX_FILES_PER_FORM (a client file cannot import the server module). */
const MAX_FILES = 5;

type Picked = { id: string; filename: string; size: number };

/** A random UUID v4 (crypto.randomUUID needs a secure context; getRandomValues does not). */
function newFormKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Files for a portal form (new request, reply; signed in or guest). A server action's body is
 * capped at 1 MB, so each file is uploaded on its own as it is picked (POST /api/v1/portal/uploads,
 * checked like any attachment) and the form sends only their ids and its key; the use case that
 * writes the message claims them (lib/portal/uploads.ts). The file input itself has no name, so its
 * bytes never ride along with the form.
 */
export function PortalFilePicker({
  formKey: initialKey,
  maxBytes,
  sent = null,
}: {
  formKey: string;
  maxBytes: number;
  /** The form's latest successful result: a new one means the files went out, so start afresh. */
  sent?: unknown;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<Picked[]>([]);
  const [formKey, setFormKey] = useState(initialKey);
  const [lastSent, setLastSent] = useState(sent);
  if (sent !== lastSent) {
    setLastSent(sent);
    if (sent) {
      setPicked([]);
      setFormKey(newFormKey());
    }
  }
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onChange(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    setError(null);
    setBusy(true);
    const added: Picked[] = [];
    try {
      for (const file of files) {
        if (picked.length + added.length >= MAX_FILES) {
          setError(`At most ${MAX_FILES} files can go with one message.`);
          break;
        }
        if (file.size > maxBytes) {
          setError(`${file.name}: ${tooLargeMessage(maxBytes)}`);
          continue;
        }
        const body = new FormData();
        body.set('formKey', formKey);
        body.set('file', file);
        const response = await fetch('/api/v1/portal/uploads', { method: 'POST', body }).catch(() => null);
        const answer = (await response?.json().catch(() => ({}))) as {
          id?: string;
          filename?: string;
          size?: number;
          message?: string;
          fieldErrors?: Record<string, string[]>;
        };
        if (response?.ok && answer.id) {
          added.push({ id: answer.id, filename: answer.filename ?? file.name, size: answer.size ?? file.size });
        } else {
          setError(
            `${file.name}: ${answer?.fieldErrors?.file?.[0] ?? answer?.message ?? 'The file could not be uploaded. Check your connection and try again.'}`,
          );
        }
      }
    } finally {
      setPicked((current) => [...current, ...added]);
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  async function remove(file: Picked) {
    setPicked((current) => current.filter((p) => p.id !== file.id));
    await fetch(`/api/v1/portal/uploads?formKey=${formKey}&id=${file.id}`, { method: 'DELETE' }).catch(() => null);
  }

  return (
    <div className="space-y-2">
      <input type="hidden" name="formKey" value={formKey} />
      <input type="hidden" name="uploadIds" value={picked.map((p) => p.id).join(',')} />
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Attach files (optional)
      </label>
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        accept={ACCEPT}
        onChange={onChange}
        disabled={busy || picked.length >= MAX_FILES}
        aria-describedby={`${id}-hint`}
        className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
      />
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        Up to {MAX_FILES} files of {formatBytes(maxBytes)} each: {ALLOWED_LABELS}.
      </p>
      {busy ? (
        <p role="status" className="text-sm text-slate-600">
          Uploading…
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      {picked.length > 0 ? (
        <ul className="space-y-1" aria-label="Files to send">
          {picked.map((file) => (
            <li key={file.id} className="flex flex-wrap items-center gap-2 text-sm">
              <span className="break-all text-slate-800">{file.filename}</span>
              <span className="text-xs text-slate-500">{formatBytes(file.size)}</span>
              <Button type="button" variant="secondary" className="px-2 py-0.5 text-xs" onClick={() => remove(file)}>
                Remove<span className="sr-only"> {file.filename}</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

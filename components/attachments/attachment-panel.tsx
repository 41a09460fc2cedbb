'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { LocalTime } from '@/components/ui/local-time';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { AttachmentInfo } from '@/lib/attachments/get-attachment';
import { ACCEPT, ALLOWED_LABELS, formatBytes, tooLargeMessage } from '@/lib/attachments/limits';

type Outcome = { error?: string; fieldError?: string; success?: string } | null;

/**
 * The files on a request and a form to add one. Uploads go to the REST API (a file is not a
 * server-action payload); the server re-renders the list afterwards. Limits are checked again
 * on the server, this early check only spares a long upload that would be refused.
 */
export function AttachmentPanel({
  number,
  attachments,
  canUpload,
  maxBytes,
  audience,
}: {
  number: number;
  attachments: AttachmentInfo[];
  canUpload: boolean;
  maxBytes: number;
  audience: 'staff' | 'customer';
}) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, setPending] = useState(false);

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0)
      return setOutcome({
        fieldError: file instanceof File && file.name ? 'The file is empty.' : 'Choose a file to attach.',
      });
    if (file.size > maxBytes) return setOutcome({ fieldError: tooLargeMessage(maxBytes) });
    setPending(true);
    try {
      const response = await fetch(`/api/v1/tickets/${number}/attachments`, { method: 'POST', body: data });
      const body = (await response.json().catch(() => ({}))) as {
        filename?: string;
        message?: string;
        fieldErrors?: Record<string, string[]>;
      };
      if (response.ok) {
        form.current?.reset();
        setOutcome({ success: `Uploaded ${body.filename ?? file.name}.` });
        router.refresh();
      } else {
        const fieldError = body.fieldErrors?.file?.[0];
        setOutcome(
          fieldError ? { fieldError } : { error: body.message ?? 'The file could not be uploaded. Please try again.' },
        );
      }
    } catch {
      setOutcome({ error: 'The file could not be uploaded. Check your connection and try again.' });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-4">
      {attachments.length === 0 ? (
        <p className="text-sm text-slate-500">No files yet.</p>
      ) : (
        <ul className="space-y-2" aria-label="Files">
          {attachments.map((a) => (
            <li key={a.id} className="text-sm">
              <a
                href={`/api/v1/attachments/${a.id}`}
                download={a.filename}
                className="font-medium break-all text-brand-700 underline"
              >
                {a.filename}
              </a>
              {a.internal ? (
                <span className="ml-2">
                  <Badge tone="amber">Internal</Badge>
                </span>
              ) : null}
              <p className="text-xs text-slate-500">
                {formatBytes(a.size)} · {a.uploadedByName ?? 'Unknown'} · <LocalTime value={a.createdAt} />
              </p>
            </li>
          ))}
        </ul>
      )}

      {canUpload ? (
        <form ref={form} onSubmit={upload} className="space-y-3" noValidate aria-label="Add an attachment">
          <FormMessage error={outcome?.error} success={outcome?.success} />
          <TextField
            label="Attach a file"
            name="file"
            id="attachment-file"
            type="file"
            accept={ACCEPT}
            error={outcome?.fieldError}
            hint={`Up to ${formatBytes(maxBytes)}: ${ALLOWED_LABELS}.${audience === 'staff' ? ' The customer sees files added here.' : ''}`}
            onChange={() => setOutcome(null)}
          />
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? 'Uploading…' : 'Upload'}
          </Button>
        </form>
      ) : (
        <p className="text-sm text-slate-600">This request is closed, so files can no longer be added.</p>
      )}
    </div>
  );
}

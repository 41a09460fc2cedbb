'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';

/**
 * Picks a CSV or JSON file and sends it for the dry run (POST /api/v1/imports: a route, because
 * files pass the 1 MB server actions take); the report page follows.
 */
export function ImportUploadForm({ maxMb }: { maxMb: number }) {
  const router = useRouter();
  const [error, setError] = useState<{ file?: string; source?: string; form?: string }>({});
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return setError({ file: 'Choose a file to check.' });
    if (file.size > maxMb * 1024 * 1024) return setError({ file: `The file is larger than ${maxMb} MB: split it.` });
    setPending(true);
    setError({});
    try {
      const response = await fetch('/api/v1/imports', { method: 'POST', body: form });
      const body = (await response.json().catch(() => ({}))) as {
        runId?: string;
        message?: string;
        fieldErrors?: Record<string, string[]>;
      };
      if (response.ok && body.runId) return router.push(`/admin/import/${body.runId}`);
      setError({
        file: body.fieldErrors?.file?.[0],
        source: body.fieldErrors?.source?.[0],
        form: body.fieldErrors ? undefined : (body.message ?? 'The file could not be checked.'),
      });
    } catch {
      setError({ form: 'The file could not be sent: check your connection and try again.' });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Check a file">
      <div className="space-y-1">
        <label htmlFor="import-file" className="block text-sm font-medium text-slate-700">
          File (CSV or JSON)
        </label>
        <input
          id="import-file"
          name="file"
          type="file"
          accept=".csv,.json,text/csv,application/json"
          aria-invalid={error.file ? true : undefined}
          aria-describedby={error.file ? 'import-file-error' : 'import-file-hint'}
          className="block text-sm"
        />
        {error.file ? (
          <p id="import-file-error" role="alert" className="text-sm text-red-600">
            {error.file}
          </p>
        ) : (
          <p id="import-file-hint" className="text-xs text-slate-500">
            Up to {maxMb} MB. The format is in docs/import.md.
          </p>
        )}
      </div>
      <TextField
        label="Source"
        name="source"
        defaultValue="import"
        hint='The helpdesk it comes from, e.g. "zendesk": the same file from the same source is never imported twice.'
        error={error.source}
      />
      {error.form ? (
        <p role="alert" className="text-sm text-red-600">
          {error.form}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? 'Checking…' : 'Check the file'}
      </Button>
    </form>
  );
}

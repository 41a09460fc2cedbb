'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { countRecords } from '@/lib/export/csv-records';

type Progress =
  | { phase: 'idle' }
  | { phase: 'running'; rows: number; total: number | null }
  | { phase: 'done'; rows: number }
  | { phase: 'failed'; message: string };

/**
 * "Export CSV" for a list: fetches the streamed export, shows rows received of the total the
 * server counted first (X-Total-Count), then hands the file to the browser as a download. The
 * server holds one batch at a time; the file is assembled here.
 */
export function ExportCsvButton({ href, label = 'Export CSV' }: { href: string; label?: string }) {
  const [progress, setProgress] = useState<Progress>({ phase: 'idle' });

  async function run() {
    setProgress({ phase: 'running', rows: 0, total: null });
    try {
      const response = await fetch(href, { headers: { Accept: 'text/csv' } });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { message?: string } | null;
        setProgress({ phase: 'failed', message: body?.message ?? 'The export failed. Please try again.' });
        return;
      }
      const totalHeader = Number(response.headers.get('X-Total-Count'));
      const total = Number.isFinite(totalHeader) ? totalHeader : null;
      const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'export.csv';
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      const state = { inQuotes: false };
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        lines += countRecords(decoder.decode(value, { stream: true }), state);
        // The first line is the header.
        setProgress({ phase: 'running', rows: Math.max(0, lines - 1), total });
      }
      const url = URL.createObjectURL(new Blob(chunks, { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setProgress({ phase: 'done', rows: Math.max(0, lines - 1) });
    } catch {
      setProgress({ phase: 'failed', message: 'The export was interrupted. Please try again.' });
    }
  }

  const running = progress.phase === 'running';
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="button" variant="secondary" onClick={run} disabled={running}>
        {running ? 'Exporting…' : label}
      </Button>
      {running && progress.total !== null && progress.total > 0 ? (
        <progress className="h-2 w-40" max={progress.total} value={progress.rows} aria-label="Export progress" />
      ) : null}
      <p role="status" className="text-sm text-slate-600">
        {progress.phase === 'running'
          ? `Exported ${progress.rows.toLocaleString('en')}${progress.total !== null ? ` of ${progress.total.toLocaleString('en')}` : ''} rows…`
          : progress.phase === 'done'
            ? `Exported ${progress.rows.toLocaleString('en')} ${progress.rows === 1 ? 'row' : 'rows'}.`
            : progress.phase === 'failed'
              ? progress.message
              : ''}
      </p>
    </div>
  );
}

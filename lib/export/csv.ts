import { stringify } from 'csv-stringify/sync';

/**
 * Rows → CSV, streamed (issue 14). Generic: a ticket list (lib/tickets/export.ts) and any chart's
 * data can use it. Escaping (quotes, commas, line breaks) is csv-stringify's; what is ours:
 *
 * - **Formula injection**: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return
 *   is prefixed with `'`, so a spreadsheet shows it as text instead of running it (OWASP "CSV
 *   injection"). Numbers are left as numbers.
 * - **Constant memory**: the stream pulls one batch when the reader asks for more (backpressure),
 *   so only the batch in hand and the bytes not yet sent are held, whatever the number of rows.
 * - A UTF-8 byte-order mark first, so spreadsheet programs read accents right; lines end in CRLF
 *   (RFC 4180).
 */

export type CsvValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as text: null/undefined empty, dates ISO 8601, risky text prefixed with `'`. */
export function csvCell(value: CsvValue): string | number {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Rows as CSV text (each line CRLF-terminated). */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  if (rows.length === 0) return '';
  return stringify(
    rows.map((row) => row.map(csvCell)),
    // csv-stringify quotes a field holding the record delimiter, but with CRLF a lone \n or \r would
    // go out bare and split the record in most readers: quote any line break.
    { record_delimiter: '\r\n', quoted_match: /[\r\n]/ },
  );
}

export const BOM = '\uFEFF';

/**
 * A CSV byte stream: the header, then each batch's rows as the reader pulls. `batches` is consumed
 * lazily (one `next()` per pull) and closed (`return()`) if the reader cancels, so a download
 * stopped half-way stops the queries too.
 */
export function csvStream<T>(
  header: readonly string[],
  batches: AsyncIterable<readonly T[]>,
  toRow: (item: T) => readonly CsvValue[],
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(BOM + toCsv([header])));
          return;
        }
        const { done, value } = await iterator.next();
        if (done) {
          controller.close();
          return;
        }
        if (value.length > 0) controller.enqueue(encoder.encode(toCsv(value.map(toRow))));
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    // Hold at most one chunk ahead of the reader.
    { highWaterMark: 1 },
  );
}

/** A file name safe in Content-Disposition: `tickets-2026-11-30.csv`. */
export function csvFileName(prefix: string, now = new Date()): string {
  return `${prefix.replace(/[^a-z0-9-]/gi, '-')}-${now.toISOString().slice(0, 10)}.csv`;
}

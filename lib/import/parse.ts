import { parse as parseCsv } from 'csv-parse/sync';
import type { z } from 'zod';
import {
  customerRow,
  describeIssues,
  messageRow,
  organizationRow,
  ticketRow,
  type CustomerRow,
  type OrganizationRow,
  type TicketRow,
} from './rows';

/**
 * An import file read into rows (docs/import.md): JSON `{ organizations, customers, tickets }`, or
 * one CSV of one kind, told apart by its header. Every row carries where it came from (`line 14`
 * in a CSV, `tickets[3]` in JSON) so the report can point at it. Nothing here touches the database.
 */

export interface Located<T> {
  at: string;
  row: T;
}

export interface Problem {
  /** `line 14`, `tickets[3].messages[1]`, or `file`. */
  at: string;
  message: string;
}

export interface ParsedFile {
  format: 'csv' | 'json';
  /** What the file holds: a CSV holds one kind. */
  kind: 'mixed' | 'organizations' | 'customers' | 'tickets';
  rows: number;
  organizations: Located<OrganizationRow>[];
  customers: Located<CustomerRow>[];
  tickets: Located<TicketRow>[];
  problems: Problem[];
}

const empty = (format: 'csv' | 'json', problems: Problem[] = []): ParsedFile => ({
  format,
  kind: 'mixed',
  rows: 0,
  organizations: [],
  customers: [],
  tickets: [],
  problems,
});

/** The format from the file's name, else from its first character. */
export function detectFormat(fileName: string, content: string): 'csv' | 'json' {
  if (/\.json$/i.test(fileName)) return 'json';
  if (/\.csv$/i.test(fileName)) return 'csv';
  return /^\s*[{[]/.test(content.replace(/^\uFEFF/, '')) ? 'json' : 'csv';
}

export function parseImportFile(fileName: string, content: string): ParsedFile {
  const format = detectFormat(fileName, content);
  const nul = content.indexOf('\u0000');
  if (nul >= 0) {
    const line = content.slice(0, nul).split('\n').length;
    return empty(format, [
      {
        at: `line ${line}`,
        message: 'The file contains NUL bytes: is it a binary file (a spreadsheet, not its CSV export)?',
      },
    ]);
  }
  if (!content.isWellFormed())
    return empty(format, [{ at: 'file', message: 'The file is not valid UTF-8 text: save it as UTF-8.' }]);
  return format === 'json' ? parseJson(content) : parseCsvFile(content);
}

function validate<S extends z.ZodType>(schema: S, value: unknown, at: string, problems: Problem[]): z.output<S> | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  problems.push({ at, message: describeIssues(parsed.error) });
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(content: string): ParsedFile {
  let doc: unknown;
  try {
    doc = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    return empty('json', [{ at: 'file', message: `Not valid JSON: ${(error as Error).message}` }]);
  }
  if (!isObject(doc))
    return empty('json', [
      { at: 'file', message: 'Expected an object with "organizations", "customers" and "tickets" lists.' },
    ]);
  const result = empty('json');
  const known = new Set(['source', 'organizations', 'customers', 'tickets']);
  for (const key of Object.keys(doc))
    if (!known.has(key)) result.problems.push({ at: key, message: `Unknown key "${key.slice(0, 40)}" (ignored).` });
  const list = (key: string): unknown[] => {
    const v = doc[key];
    if (v === undefined) return [];
    if (Array.isArray(v)) return v;
    result.problems.push({ at: key, message: `"${key}" must be a list.` });
    return [];
  };
  list('organizations').forEach((item, i) => {
    const row = validate(organizationRow, item, `organizations[${i}]`, result.problems);
    if (row) result.organizations.push({ at: `organizations[${i}]`, row });
  });
  list('customers').forEach((item, i) => {
    const row = validate(customerRow, item, `customers[${i}]`, result.problems);
    if (row) result.customers.push({ at: `customers[${i}]`, row });
  });
  list('tickets').forEach((item, i) => {
    const at = `tickets[${i}]`;
    const ticket = validate(ticketRow, item, at, result.problems);
    const rawMessages = isObject(item) ? (item.messages ?? []) : [];
    if (!Array.isArray(rawMessages)) {
      result.problems.push({ at: `${at}.messages`, message: '"messages" must be a list.' });
      return;
    }
    const messages = rawMessages.map((m, j) => validate(messageRow, m, `${at}.messages[${j}]`, result.problems));
    if (!ticket || messages.some((m) => m === null)) return;
    result.tickets.push({ at, row: { ...ticket, messages: messages.filter((m) => m !== null) } });
  });
  result.rows = list('organizations').length + list('customers').length + list('tickets').length;
  return result;
}

const ORGANIZATION_COLUMNS = ['external_id', 'name', 'domain'];
const CUSTOMER_COLUMNS = ['external_id', 'name', 'email', 'phone', 'organization', 'created_at'];
/** One row per message; the ticket's columns are read from its first row. */
const TICKET_COLUMNS = [
  'external_id',
  'subject',
  'description',
  'status',
  'priority',
  'channel',
  'created_at',
  'resolved_at',
  'closed_at',
  'customer_email',
  'customer_name',
  'customer_phone',
  'organization',
  'message_author_email',
  'message_body',
  'message_internal',
  'message_created_at',
];
const REQUIRED: Record<'organizations' | 'customers' | 'tickets', string[]> = {
  organizations: ['name'],
  customers: ['name'],
  tickets: ['external_id', 'subject', 'status', 'created_at', 'customer_email'],
};

function csvKind(header: string[]): 'organizations' | 'customers' | 'tickets' {
  if (header.includes('subject') || header.includes('message_body')) return 'tickets';
  if (header.includes('email') || header.includes('phone')) return 'customers';
  return 'organizations';
}

function parseCsvFile(content: string): ParsedFile {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(content, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: 1_000_000,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as { message: string; lines?: number };
    return empty('csv', [{ at: e.lines ? `line ${e.lines}` : 'file', message: `Not valid CSV: ${e.message}` }]);
  }
  const [head, ...body] = records;
  if (!head) return empty('csv', [{ at: 'file', message: 'The file is empty.' }]);
  const header = head.record.map((h) => h.trim().toLowerCase());
  const kind = csvKind(header);
  const result: ParsedFile = { ...empty('csv'), kind, rows: body.length };
  const allowed = { organizations: ORGANIZATION_COLUMNS, customers: CUSTOMER_COLUMNS, tickets: TICKET_COLUMNS }[kind];
  const unknown = header.filter((h) => !allowed.includes(h));
  const missing = REQUIRED[kind].filter((h) => !header.includes(h));
  if (unknown.length > 0 || missing.length > 0) {
    const parts = [
      missing.length > 0 ? `missing column(s) ${missing.join(', ')}` : '',
      unknown.length > 0 ? `unknown column(s) ${unknown.map((u) => u.slice(0, 40)).join(', ')}` : '',
    ].filter(Boolean);
    result.problems.push({
      at: 'line 1',
      message: `Read as a ${kind} file: ${parts.join('; ')}. Expected columns: ${allowed.join(', ')}.`,
    });
    return result;
  }
  const rows: Located<Record<string, string>>[] = [];
  for (const { record, info } of body) {
    const at = `line ${info.lines}`;
    if (record.length !== header.length) {
      result.problems.push({ at, message: `Has ${record.length} fields; the header has ${header.length}.` });
      continue;
    }
    rows.push({ at, row: Object.fromEntries(header.map((h, i) => [h, record[i] ?? ''])) });
  }
  if (kind === 'organizations')
    for (const { at, row } of rows) {
      const r = validate(organizationRow, row, at, result.problems);
      if (r) result.organizations.push({ at, row: r });
    }
  else if (kind === 'customers')
    for (const { at, row } of rows) {
      const r = validate(customerRow, row, at, result.problems);
      if (r) result.customers.push({ at, row: r });
    }
  else ticketsFromCsv(rows, result);
  return result;
}

/** Groups message rows by ticket; a row with customer_name also describes the customer. */
function ticketsFromCsv(rows: Located<Record<string, string>>[], result: ParsedFile): void {
  const byTicket = new Map<string, Located<Record<string, string>>[]>();
  for (const r of rows) {
    const id = (r.row.external_id ?? '').trim();
    if (id === '') {
      result.problems.push({ at: r.at, message: 'external_id: is required' });
      continue;
    }
    const group = byTicket.get(id) ?? [];
    group.push(r);
    byTicket.set(id, group);
  }
  const seenCustomers = new Set<string>();
  for (const group of byTicket.values()) {
    const first = group[0]!;
    const ticket = validate(ticketRow, first.row, first.at, result.problems);
    const name = first.row.customer_name?.trim();
    if (ticket && name && !seenCustomers.has(ticket.customer_email)) {
      const customer = validate(
        customerRow,
        { name, email: ticket.customer_email, phone: first.row.customer_phone, organization: first.row.organization },
        first.at,
        result.problems,
      );
      if (customer) {
        seenCustomers.add(ticket.customer_email);
        result.customers.push({ at: first.at, row: customer });
      }
    }
    let valid = ticket !== null;
    const messages = [];
    for (const r of group) {
      if ((r.row.message_body ?? '').trim() === '' && (r.row.message_author_email ?? '').trim() === '') continue;
      const m = validate(
        messageRow,
        {
          author_email: r.row.message_author_email,
          body: r.row.message_body,
          internal: r.row.message_internal,
          created_at: r.row.message_created_at,
        },
        r.at,
        result.problems,
      );
      if (m) messages.push(m);
      else valid = false;
    }
    if (ticket && valid) result.tickets.push({ at: first.at, row: { ...ticket, messages } });
  }
}

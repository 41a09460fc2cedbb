import type { Db } from '@/db/client';
import {
  customerExists,
  decideTickets,
  duplicateProblems,
  existingCustomers,
  existingOrganizations,
  uniqueTickets,
} from './decide';
import type { ParsedFile, Problem } from './parse';

/** The report shows this many problems (the count says how many there are). */
export const REPORT_PROBLEMS = 200;

export interface Counts {
  create: number;
  skip: number;
}

/** What a dry run found: the same numbers the import then works through. */
export interface ImportReport {
  fileName: string;
  source: string;
  format: 'csv' | 'json';
  kind: ParsedFile['kind'];
  rows: number;
  organizations: Counts;
  customers: Counts;
  tickets: Counts;
  messages: { create: number };
  problems: Problem[];
  problemCount: number;
  /** Message authors who are neither staff nor customers: their messages come in without a Cairn author. */
  unknownAuthors: string[];
  /** The first tickets that would be created. */
  sample: { at: string; externalId: string; subject: string; messages: number }[];
}

/** Every organization name the file needs: its own list and the customers' `organization`. */
export function organizationNames(parsed: ParsedFile): string[] {
  return [
    ...new Set([
      ...parsed.organizations.map((o) => o.row.name),
      ...parsed.customers.map((c) => c.row.organization).filter((o): o is string => o !== null),
    ]),
  ];
}

/** Reads only: nothing is written, whatever the file holds. */
export async function buildReport(db: Db, parsed: ParsedFile, fileName: string, source: string): Promise<ImportReport> {
  const names = organizationNames(parsed);
  const orgsHere = await existingOrganizations(
    db,
    names.map((name) => ({ at: '', row: { name, domain: null, external_id: null } })),
  );
  const here = await existingCustomers(
    db,
    parsed.customers.map((c) => c.row.email).filter((e): e is string => e !== null),
    parsed.customers.map((c) => c.row.phone).filter((p): p is string => p !== null),
  );
  const newCustomers = new Set<string>();
  let customersSkipped = 0;
  for (const c of parsed.customers) {
    const key = c.row.email ?? c.row.phone ?? '';
    if (customerExists(c.row, here) || newCustomers.has(key)) customersSkipped += 1;
    else newCustomers.add(key);
  }
  const fileCustomers = new Set(parsed.customers.map((c) => c.row.email).filter((e): e is string => e !== null));
  const decision = await decideTickets(db, source, uniqueTickets(parsed), fileCustomers);
  const problems = [...parsed.problems, ...duplicateProblems(parsed), ...decision.problems];
  return {
    fileName,
    source,
    format: parsed.format,
    kind: parsed.kind,
    rows: parsed.rows,
    organizations: {
      create: names.filter((n) => !orgsHere.has(n)).length,
      skip: names.filter((n) => orgsHere.has(n)).length,
    },
    customers: { create: newCustomers.size, skip: customersSkipped },
    tickets: { create: decision.create.length, skip: decision.skip.length },
    messages: { create: decision.create.reduce((sum, t) => sum + t.row.messages.length, 0) },
    problems: problems.slice(0, REPORT_PROBLEMS),
    problemCount: problems.length,
    unknownAuthors: decision.unknownAuthors.slice(0, 50),
    sample: decision.create.slice(0, 20).map((t) => ({
      at: t.at,
      externalId: t.row.external_id,
      subject: t.row.subject,
      messages: t.row.messages.length,
    })),
  };
}

import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { IMPORT_MAX_BYTES, tooLargeImport } from '@/lib/import/imports';
import { checkImportFile } from '@/lib/import/imports';
import { parseImportFile } from '@/lib/import/parse';
import { buildReport, type ImportReport } from '@/lib/import/report';
import { runImport } from '@/lib/import/run-import';

/**
 * `npm run import -- FILE [--dry-run] [--source zendesk]` — the admin screen's import from the
 * command line (docs/import.md): prints the dry run's report; without --dry-run then imports
 * (in this process, batch by batch, with progress). Exit 0 done, 1 nothing imported or problems
 * only, 2 bad arguments.
 */
const usage = 'Usage: npm run import -- FILE [--dry-run] [--source NAME]';
let parsed: ReturnType<typeof read>;
function read() {
  return parseArgs({
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, source: { type: 'string' } },
  });
}
try {
  parsed = read();
} catch (error) {
  console.error(error instanceof Error ? error.message : error, `\n${usage}`);
  process.exit(2);
}
const file = parsed.positionals[0];
if (!file) {
  console.error(usage);
  process.exit(2);
}
const size = await stat(file).then(
  (s) => s.size,
  () => -1,
);
if (size < 0) {
  console.error(`${file}: no such file.`);
  process.exit(2);
}
if (size > IMPORT_MAX_BYTES) {
  console.error(tooLargeImport);
  process.exit(1);
}
const content = await readFile(file, 'utf8');
const fileName = path.basename(file);
const source = parsed.values.source ?? 'import';

function print(report: ImportReport) {
  console.log(`${report.format.toUpperCase()} (${report.kind}), source "${report.source}": ${report.rows} rows`);
  for (const kind of ['organizations', 'customers', 'tickets'] as const)
    console.log(`  ${kind}: ${report[kind].create} to create, ${report[kind].skip} already here`);
  console.log(`  messages: ${report.messages.create} to create`);
  if (report.unknownAuthors.length > 0)
    console.log(`  authors neither staff nor customers (no Cairn author): ${report.unknownAuthors.join(', ')}`);
  console.log(`${report.problemCount} problem(s)${report.problemCount > 0 ? ' (these rows are left out):' : '.'}`);
  for (const p of report.problems) console.log(`  ${p.at}: ${p.message}`);
}

const handle = openDb({ max: 2 });
let code = 0;
try {
  await runMigrations(handle);
  if (parsed.values['dry-run']) {
    const report = await buildReport(handle.db, parseImportFile(fileName, content), fileName, source);
    print(report);
    code = report.tickets.create + report.customers.create + report.organizations.create > 0 ? 0 : 1;
  } else {
    const checked = await checkImportFile(handle.db, null, { fileName, content, source });
    if (!checked.ok) {
      console.error(checked.message);
      code = checked.code === 'invalid' ? 2 : 1;
    } else {
      print(checked.data.report);
      const started = Date.now();
      const outcome = await runImport(handle.db, checked.data.runId);
      if (!outcome) code = 1;
      else
        console.log(
          `Imported ${outcome.tickets} tickets (${outcome.messages} messages), ${outcome.customers} customers, ` +
            `${outcome.organizations} organizations; ${outcome.skippedTickets} tickets already here; ` +
            `${outcome.problemCount} rows left out; ${((Date.now() - started) / 1000).toFixed(1)} s.`,
        );
    }
  }
} finally {
  await handle.close();
}
process.exit(code);

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const FILE = 'bench/results.json';

/**
 * bench/results.json: `npm run bench` writes its operations at the top level, `npm run bench:http`
 * and `npm run bench:load` (with LOAD_RESULTS_KEY) their figures under `http`. Each keeps the
 * other's part.
 */
export function readResults(): Record<string, unknown> {
  if (!existsSync(FILE)) return {};
  try {
    return JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function writeResults(results: Record<string, unknown>): void {
  mkdirSync('bench', { recursive: true });
  writeFileSync(FILE, JSON.stringify(results, null, 2) + '\n');
}

/** Sets `http[section][key] = value`, keeping everything else in the file. */
export function writeHttpResult(section: string, key: string, value: unknown): void {
  const results = readResults();
  const http = (results.http ?? {}) as Record<string, Record<string, unknown>>;
  http[section] = { ...(http[section] ?? {}), [key]: value };
  writeResults({ ...results, http });
}

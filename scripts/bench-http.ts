import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { HttpAgent } from '@/bench/http-agent';
import { writeHttpResult } from '@/bench/results-file';
import { openDb } from '@/db/client';
import { clearStartingWith, LIMITS } from '@/lib/rate-limit/rate-limit';
import { DEMO_PASSWORD } from '@/lib/seed/demo';

/**
 * `npm run bench:http`: whole actions as a browser does them, over HTTP against a running Cairn
 * (one at a time, so each figure is the action alone): sign in, the queue page, the ticket page,
 * submit a request and land on its page, reply and see the updated conversation (and API create
 * once /api/v1 takes bearer tokens: see API_CREATE below). Forms are posted the way a browser
 * posts them without JavaScript (the form's own hidden fields, multipart, to the page), so the
 * server action runs and answers with the redirect or the re-rendered page, as the app serves it.
 *
 * SQL statements per action: start the server with `CAIRN_SQL_COUNT_FILE=/tmp/cairn-sql-count`
 * (db/client.ts counts every statement its pools send and writes the count to that file on
 * SIGUSR2) and `JOBS=off` (jobs run elsewhere and do not add to the count), and give this script
 * the same CAIRN_SQL_COUNT_FILE and the server's SERVER_PID. Without them statements are null.
 *
 *   BENCH_URL       the server (default http://127.0.0.1:3000; only this machine)
 *   BENCH_RUNS      timed runs per action (default 30, after 3 untimed)
 *   BENCH_SIZE      the key in bench/results.json → http (default "demo"; e.g. "1M")
 *   DATABASE_URL    the server's database: the customer's submission limit is reset between runs
 *   API_TOKEN       a bearer token for the API create action (skipped without it)
 *   CAIRN_SQL_LOG_FILE  the server's statement log (db/client.ts; give the server the same): the
 *                   statements of each action's counted run are copied to <file>.<action>
 */
const BASE = (process.env.BENCH_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;
const SIZE = process.env.BENCH_SIZE ?? 'demo';
const COUNT_FILE = process.env.CAIRN_SQL_COUNT_FILE;
const SERVER_PID = process.env.SERVER_PID ? Number(process.env.SERVER_PID) : null;
const LOG_FILE = process.env.CAIRN_SQL_LOG_FILE;
// The server logs there; this script's own pool (the limit reset below) must not.
delete process.env.CAIRN_SQL_LOG_FILE;
const logLines = () => (LOG_FILE && existsSync(LOG_FILE) ? readFileSync(LOG_FILE, 'utf8').split('\n').length - 1 : 0);

if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(BASE).hostname)) {
  console.error(`bench:http only talks to this machine; BENCH_URL=${BASE} is not 127.0.0.1`);
  process.exit(1);
}

/** The server's statement count so far (null when not counting). */
async function statementsSoFar(): Promise<number | null> {
  if (!COUNT_FILE || !SERVER_PID) return null;
  rmSync(COUNT_FILE, { force: true });
  process.kill(SERVER_PID, 'SIGUSR2');
  for (let i = 0; i < 200; i++) {
    if (existsSync(COUNT_FILE)) {
      const text = readFileSync(COUNT_FILE, 'utf8');
      if (text) return Number(text);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no statement count in ${COUNT_FILE}: was the server started with CAIRN_SQL_COUNT_FILE?`);
}

const decode = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name.replace(/\$/g, '\\$')}="([^"]*)"`).exec(tag);
  return m ? decode(m[1] as string) : null;
};

/** The fields of the first form whose HTML matches `pick`, as a browser would post them (defaults kept). */
function formFields(html: string, pick: RegExp): FormData {
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => pick.test(f));
  if (!form) throw new Error(`no form matching ${pick} on the page`);
  const data = new FormData();
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, 'name');
    const type = attr(tag, 'type') ?? 'text';
    if (!name || type === 'file' || type === 'submit') continue;
    if ((type === 'radio' || type === 'checkbox') && !/\schecked(=""|\s|\/|>)/.test(tag)) continue;
    data.append(name, attr(tag, 'value') ?? (type === 'checkbox' ? 'on' : ''));
  }
  for (const [, open, inner] of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attr(open as string, 'name');
    if (name) data.append(name, decode(inner as string));
  }
  for (const [, open, inner] of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attr(open as string, 'name');
    const options = [...(inner as string).matchAll(/<option\b[^>]*>/g)].map((m) => m[0]);
    const chosen = options.find((o) => /\sselected(=""|\s|>)/.test(o)) ?? options[0];
    if (name && chosen) data.append(name, attr(chosen, 'value') ?? '');
  }
  return data;
}

async function text(
  agent: HttpAgent,
  path: string,
  init?: RequestInit,
): Promise<{ status: number; html: string; location: string | null }> {
  const response = await agent.request(path, init);
  return { status: response.status, html: await response.text(), location: response.headers.get('location') };
}

async function page(agent: HttpAgent, path: string): Promise<string> {
  const r = await text(agent, path);
  if (r.status !== 200) throw new Error(`GET ${path} → ${r.status} ${r.location ?? ''}`);
  return r.html;
}

/** Posts a form as a browser without JavaScript does: multipart to the page, Origin set. */
async function post(agent: HttpAgent, path: string, data: FormData) {
  return text(agent, path, { method: 'POST', body: data, headers: { origin: BASE } });
}

/** A server action's id from the build's manifest (what the browser's JavaScript is built with). */
function actionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === exportedName);
  if (!found)
    throw new Error(`no server action ${exportedName} in .next (run bench:http from the served build's directory)`);
  return found[0];
}

interface Action {
  name: string;
  /** What a user waits for; throws when the app did not do it. */
  run: (i: number) => Promise<void>;
}

// The server's database (DATABASE_URL), only to reset the customer submission limit between runs.
const limits = process.env.DATABASE_URL ? openDb({ max: 2 }) : null;
const agent = new HttpAgent(BASE, 'agent@demo.test');
const customer = new HttpAgent(BASE, 'customer@demo.test');
await agent.signIn(DEMO_PASSWORD);
await customer.signIn(DEMO_PASSWORD);

const queue = await page(agent, '/tickets?view=open');
const numbers = [...queue.matchAll(/\/tickets\/(\d+)/g)].map((m) => Number(m[1]));
const target = numbers[0];
if (!target) throw new Error('the open queue shows no request');
const stamp = Date.now().toString(36);

const actions: Action[] = [
  {
    name: 'sign_in',
    run: () => new HttpAgent(BASE, 'agent@demo.test').signIn(DEMO_PASSWORD),
  },
  { name: 'queue_page', run: async () => void (await page(agent, '/tickets?view=open')) },
  { name: 'ticket_page', run: async () => void (await page(agent, `/tickets/${target}`)) },
  {
    // The portal's form, posted; the answer is a redirect to the new request's page, which is then loaded.
    name: 'submit_and_land',
    run: async (i) => {
      // The customer limit (30 requests per 10 minutes) is the bench's, not the server's, problem.
      if (limits)
        await Promise.all([
          clearStartingWith(limits.db, LIMITS.submitAccount, ''),
          clearStartingWith(limits.db, LIMITS.submitIp, ''),
        ]);
      const form = formFields(await page(customer, '/portal/new'), /name="subject"/);
      form.set('subject', `bench:http request ${stamp}-${i}`);
      form.set('description', 'Sent by npm run bench:http, as a browser posts the form.');
      const sent = await post(customer, '/portal/new', form);
      if (sent.status !== 303 || !sent.location?.includes('/portal/requests/'))
        throw new Error(`submit → ${sent.status} ${sent.location ?? ''}`);
      const landed = await page(customer, new URL(sent.location, BASE).pathname + new URL(sent.location, BASE).search);
      if (!landed.includes(`${stamp}-${i}`)) throw new Error('the landing page does not show the new request');
    },
  },
  {
    // The reply box as the browser's JavaScript sends it (the box is a client form, it has no
    // no-JavaScript post): the server action, called with (previous state, the form's data), to
    // the page; its answer carries the revalidated page, which must show the reply.
    name: 'reply_and_see',
    run: async (i) => {
      const form = formFields(await page(agent, `/tickets/${target}`), /<textarea[^>]*name="body"/);
      const body = `bench:http reply ${stamp}-${i}`;
      form.set('body', body);
      const call = new FormData();
      // React's encoding of the call: the form's fields as part 1, then the arguments (last, as React sends them).
      for (const [key, value] of form) call.append(`_1_${key}`, value);
      call.append('0', JSON.stringify([null, '$K1']));
      const sent = await text(agent, `/tickets/${target}`, {
        method: 'POST',
        body: call,
        headers: { origin: BASE, 'next-action': actionId('sendAction'), accept: 'text/x-component' },
      });
      if (sent.status !== 200) throw new Error(`reply → ${sent.status}`);
      if (!sent.html.includes(body)) throw new Error(`the answer does not show the reply: ${sent.html.slice(0, 400)}`);
    },
  },
  // API_CREATE: POST /api/v1/tickets with a write token (API_TOKEN), as another system logs a contact.
  ...(process.env.API_TOKEN
    ? [
        {
          name: 'api_create',
          run: async (i: number) => {
            const response = await fetch(`${BASE}/api/v1/tickets`, {
              method: 'POST',
              headers: {
                authorization: `Bearer ${process.env.API_TOKEN}`,
                'content-type': 'application/json',
                'idempotency-key': `bench-http-${stamp}-${i}`,
              },
              body: JSON.stringify({
                subject: `bench:http API request ${stamp}-${i}`,
                description: 'Created through the public API by npm run bench:http.',
                channel: 'email',
                customerName: 'Demo Customer',
                customerEmail: 'customer@demo.test',
              }),
            });
            await response.arrayBuffer();
            if (response.status !== 201 && response.status !== 200) throw new Error(`API create → ${response.status}`);
          },
        } satisfies Action,
      ]
    : []),
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const round = (ms: number) => Math.round(ms * 10) / 10;

console.log(
  `Cairn bench:http — ${BASE}, ${SIZE}, ${WARMUP} warm-up + ${RUNS} runs each; ticket page #${target}; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(
  `statements: ${COUNT_FILE && SERVER_PID ? `counted in pid ${SERVER_PID}` : 'not counted (set CAIRN_SQL_COUNT_FILE and SERVER_PID)'}`,
);
console.log(`${'action'.padEnd(18)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'statements'.padStart(12)}`);
const results: Record<string, { p50_ms: number; p95_ms: number; statements: number | null }> = {};
let n = 0;
for (const action of actions) {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t0 = performance.now();
    await action.run(n++);
    if (i >= WARMUP) times.push(performance.now() - t0);
  }
  // One more run for its statements (the server is otherwise idle: JOBS=off, nobody else on it).
  const before = await statementsSoFar();
  const logFrom = logLines();
  await action.run(n++);
  const after = await statementsSoFar();
  if (LOG_FILE)
    writeFileSync(
      `${LOG_FILE}.${action.name}`,
      readFileSync(LOG_FILE, 'utf8').split('\n').slice(logFrom, logLines()).join('\n') + '\n',
    );
  const sorted = times.sort((a, b) => a - b);
  const row = {
    p50_ms: round(percentile(sorted, 50)),
    p95_ms: round(percentile(sorted, 95)),
    statements: before === null || after === null ? null : after - before,
  };
  results[action.name] = row;
  console.log(
    `${action.name.padEnd(18)}${row.p50_ms.toFixed(1).padStart(9)}${row.p95_ms.toFixed(1).padStart(9)}${String(row.statements ?? '-').padStart(12)}`,
  );
}
writeHttpResult('actions', SIZE, {
  ...results,
  runs: RUNS,
  load_average: loadavg()[0],
  at: new Date().toISOString(),
});
console.log(`written to bench/results.json → http.actions.${SIZE}`);
await limits?.close();

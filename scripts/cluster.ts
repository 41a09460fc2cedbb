import cluster from 'node:cluster';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';

/**
 * `npm run start:cluster`: the production build (`npm run build` first) served by several
 * `next start` processes sharing one port through Node's cluster module (no dependency, no
 * process manager): the primary accepts connections and hands them to the workers in turn.
 * Each worker is a whole Cairn instance, exactly what several machines behind a load balancer
 * are: live updates travel through PostgreSQL (NOTIFY → every instance's LISTEN), rate limits and
 * upload slots are rows in the database, sessions are database rows behind a signed cookie, and
 * jobs are fetched with SKIP LOCKED (see docs/scaling.md).
 *
 *   WEB_CONCURRENCY  processes (default: every core, `os.availableParallelism()`)
 *   PORT             the port (default 3000); further arguments go to `next start`
 *                    (`npm run start:cluster -- --hostname 0.0.0.0`)
 *
 * PostgreSQL only: the embedded PGlite of the demo belongs to one process.
 * A worker that dies is replaced (after 1 s, so a crash loop does not spin); SIGINT/SIGTERM are
 * passed to every worker, which finish their open requests, and the primary exits after them.
 */
const WORKERS = Math.max(1, Number(process.env.WEB_CONCURRENCY) || availableParallelism());
const PORT = process.env.PORT ?? '3000';

if (!process.env.DATABASE_URL) {
  console.error(
    'start:cluster needs PostgreSQL (DATABASE_URL): the embedded PGlite can only be opened by one process (use npm start).',
  );
  process.exit(1);
}

const next = createRequire(import.meta.url).resolve('next/dist/bin/next');
const args = ['start', '--port', PORT, ...process.argv.slice(2)];
cluster.setupPrimary({ exec: next, args });

let stopping = false;
const fork = () => cluster.fork({ CAIRN_WORKER: 'yes' });
for (let i = 0; i < WORKERS; i++) fork();
console.log(`start:cluster: ${WORKERS} next start processes on port ${PORT} (primary pid ${process.pid})`);

cluster.on('exit', (worker, code, signal) => {
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    return;
  }
  console.error(`start:cluster: worker ${worker.process.pid} exited (${signal ?? code}); starting another in 1 s`);
  setTimeout(fork, 1000);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker?.process.kill(signal);
  });
}

import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = process.env.CAIRN_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A throw-away PostgreSQL cluster of our own (integration tests that stop and restart the
 * server must not touch the shared one). initdb and pg_ctl refuse to run as root, so as root
 * they run as the `postgres` user; as anyone else, as that user.
 */
export interface PrivatePostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Fast shutdown then start: every connection is cut, the server is back as soon as it starts. */
  restart(): Promise<void>;
  destroy(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

async function pg(tool: string, args: string[]): Promise<void> {
  const bin = path.join(BIN, tool);
  if (asRoot) await run('runuser', ['-u', 'postgres', '--', bin, ...args], { cwd: '/tmp' });
  else await run(bin, args);
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const base = await mkdtemp(path.join(tmpdir(), 'cairn-pg-'));
  await chmod(base, 0o777);
  const data = path.join(base, 'data');
  const port = await freePort();
  await pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const options = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const ctl = (action: string, extra: string[] = []) =>
    pg('pg_ctl', [action, '-D', data, '-w', '-t', '30', '-o', options, '-l', path.join(base, 'log'), ...extra]);
  await ctl('start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: () => ctl('start'),
    stop: () => ctl('stop', ['-m', 'fast']),
    // Not `pg_ctl restart`: it takes no log file, and a postmaster holding our stdout open would
    // keep execFile waiting.
    restart: async () => {
      await ctl('stop', ['-m', 'fast']);
      await ctl('start');
    },
    destroy: async () => {
      await ctl('stop', ['-m', 'immediate']).catch(() => undefined);
      await rm(base, { recursive: true, force: true });
    },
  };
}

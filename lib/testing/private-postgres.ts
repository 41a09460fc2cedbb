import { execFile } from 'node:child_process';
import { access, chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** Where initdb and pg_ctl are: CAIRN_PG_BIN, or Debian's PostgreSQL 15. */
const bin = () => process.env.CAIRN_PG_BIN ?? '/usr/lib/postgresql/15/bin';

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

export async function freePort(): Promise<number> {
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
  const program = path.join(bin(), tool);
  if (asRoot) await run('runuser', ['-u', 'postgres', '--', program, ...args], { cwd: '/tmp' });
  else await run(program, args);
}

async function checkBinaries(): Promise<void> {
  for (const tool of ['initdb', 'pg_ctl']) {
    await access(path.join(bin(), tool)).catch(() => {
      throw new Error(
        `${path.join(bin(), tool)} not found: these tests run a PostgreSQL server of their own. Install the ` +
          'server binaries (Debian/Ubuntu: `apt-get install postgresql-15`; CI has them) or point CAIRN_PG_BIN ' +
          'at the directory that holds initdb and pg_ctl (e.g. /usr/lib/postgresql/16/bin, /usr/local/pgsql/bin).',
      );
    });
  }
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  await checkBinaries();
  const base = await mkdtemp(path.join(tmpdir(), 'cairn-pg-'));
  await chmod(base, 0o777);
  const data = path.join(base, 'data');
  const log = path.join(base, 'log');
  await pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  let port = 0;
  const ctl = (action: string, extra: string[] = []) => {
    const options = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    return pg('pg_ctl', [action, '-D', data, '-w', '-t', '30', '-o', options, '-l', log, ...extra]);
  };
  // freePort releases the port before PostgreSQL binds it, so another process may take it first:
  // on a bind failure, try another port.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await ctl('start');
      break;
    } catch (error) {
      const text = await readFile(log, 'utf8').catch(() => '');
      if (attempt >= 5 || !/could not bind|address already in use/i.test(text)) {
        await rm(base, { recursive: true, force: true }).catch(() => undefined);
        throw error;
      }
    }
  }
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

import { spawn, type ChildProcess } from 'node:child_process';
import { access, chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { freePort } from './private-postgres';

/** Where Debian puts it; `CAIRN_PGBOUNCER` overrides. */
const program = () => process.env.CAIRN_PGBOUNCER ?? '/usr/sbin/pgbouncer';
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export interface PgBouncer {
  /** `target` with host and port replaced by PgBouncer's. */
  url: string;
  port: number;
  /** What PgBouncer printed (its log goes to stderr). */
  log(): string;
  stop(): Promise<void>;
}

/**
 * The configuration Cairn runs behind (docs/scaling.md): transaction pooling, a small server
 * pool so that clients really share server connections, `jit` (a startup parameter the app
 * sends) ignored by PgBouncer and set on each server connection instead.
 */
export function pgbouncerConfig(options: { port: number; target: URL; poolSize: number; authFile: string }): string {
  const { target } = options;
  const password = target.password ? ` password=${decodeURIComponent(target.password)}` : '';
  return `[databases]
* = host=${target.hostname} port=${target.port || 5432}${password} connect_query='SET jit = off'

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${options.port}
unix_socket_dir =
auth_type = trust
auth_file = ${options.authFile}
pool_mode = transaction
default_pool_size = ${options.poolSize}
max_client_conn = 500
ignore_startup_parameters = jit,extra_float_digits
server_reset_query =
logfile =
pidfile =
`;
}

/**
 * Starts Debian's `pgbouncer` on a free port in front of the PostgreSQL of `targetUrl`, with a
 * generated config in a temporary directory. Fails (never skips) when it is not installed:
 * `apt-get install -y pgbouncer` (CI's .ci/run installs it). As root it runs as `postgres`
 * (PgBouncer refuses to run as root).
 */
export async function startPgBouncer(targetUrl: string, poolSize = 2): Promise<PgBouncer> {
  await access(program()).catch(() => {
    throw new Error(
      `${program()} not found: this test runs the app through PgBouncer. Install it ` +
        '(Debian/Ubuntu: `apt-get install -y pgbouncer`; CI installs it) or set CAIRN_PGBOUNCER to its path.',
    );
  });
  const target = new URL(targetUrl);
  const dir = await mkdtemp(path.join(tmpdir(), 'cairn-pgbouncer-'));
  await chmod(dir, 0o755);
  const ini = path.join(dir, 'pgbouncer.ini');
  // With trust, PgBouncer still accepts only the users its auth_file names.
  const authFile = path.join(dir, 'users.txt');
  const user = decodeURIComponent(target.username || 'postgres');
  await writeFile(authFile, `"${user.replace(/"/g, '""')}" ""\n`, { mode: 0o644 });
  let output = '';
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    await writeFile(ini, pgbouncerConfig({ port, target, poolSize, authFile }), { mode: 0o644 });
    const child: ChildProcess = spawn(program(), [...(asRoot ? ['-u', 'postgres'] : []), ini], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const url = new URL(targetUrl);
    url.hostname = '127.0.0.1';
    url.port = String(port);
    if (await ready(url.toString(), child)) {
      return {
        url: url.toString(),
        port,
        log: () => output,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
    child.kill('SIGKILL');
    await exited;
    if (attempt >= 3 || !/address already in use|bind/i.test(output)) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`pgbouncer did not start:\n${output}`);
    }
  }
}

/** True once a query goes through; false if PgBouncer exits or 10 s pass. */
async function ready(url: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const sql = postgres(url, { max: 1, prepare: false, connect_timeout: 2, onnotice: () => {} });
    try {
      await sql`select 1`;
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await sql.end({ timeout: 0 }).catch(() => undefined);
    }
  }
  return false;
}

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@carteria/testing';

const run = promisify(execFile);

/** Debian's PostgreSQL 15; `PG_BIN` points elsewhere. */
export const defaultPostgresBin = '/usr/lib/postgresql/15/bin';

export interface PostgresServerOptions {
  /** Where initdb, pg_ctl and postgres are. Default /usr/lib/postgresql/15/bin. */
  readonly binDir?: string;
}

/** True when this machine can run a PostgreSQL server of a test's own (the binaries are there). */
export function canStartPostgres(binDir = defaultPostgresBin): boolean {
  return existsSync(path.join(binDir, 'initdb')) && existsSync(path.join(binDir, 'pg_ctl'));
}

/**
 * A PostgreSQL server of one test's own, in a temp dir on a free port of 127.0.0.1, that the test
 * may crash (`pg_ctl stop -m immediate`), restart, and freeze (SIGSTOP of the postmaster and every
 * backend). As root the server runs as the `postgres` user (PostgreSQL refuses to run as root).
 */
export class PostgresServer {
  readonly port: number;
  readonly #dir: string;
  readonly #binDir: string;
  readonly #asPostgres: boolean;

  private constructor(dir: string, port: number, binDir: string, asPostgres: boolean) {
    this.#dir = dir;
    this.port = port;
    this.#binDir = binDir;
    this.#asPostgres = asPostgres;
  }

  /** initdb (trust auth, superuser `postgres`) and start; about 2 to 4 s. */
  static async start(options: PostgresServerOptions = {}): Promise<PostgresServer> {
    const binDir = options.binDir ?? defaultPostgresBin;
    const asPostgres = userInfo().uid === 0;
    const dir = await mkdtemp(path.join(tmpdir(), 'carteria-pg-'));
    const server = new PostgresServer(dir, await freePort(), binDir, asPostgres);
    try {
      if (asPostgres) {
        const { stdout } = await run('id', ['-u', 'postgres']);
        const { stdout: gid } = await run('id', ['-g', 'postgres']);
        await chown(dir, Number(stdout.trim()), Number(gid.trim()));
      }
      await server.#pg('initdb', ['-D', server.#dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
      await server.restart();
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    return server;
  }

  /** A superuser URL for database `name` (default `postgres`). */
  url(name = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${name}`;
  }

  /** Starts the server (after `crash` or `stop`) and waits until it accepts connections. */
  async restart(): Promise<void> {
    const settings = [
      `-p ${this.port}`,
      `-k ${this.#dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=200',
      '-c fsync=off',
      '-c synchronous_commit=on',
    ].join(' ');
    await this.#pg('pg_ctl', ['-D', this.#dataDir, '-l', path.join(this.#dir, 'log'), '-w', '-t', '60', '-o', settings, 'start']);
  }

  /** `pg_ctl stop -m immediate`: every backend is killed at once, as in a crash; recovery replays the WAL. */
  async crash(): Promise<void> {
    await this.#pg('pg_ctl', ['-D', this.#dataDir, '-m', 'immediate', '-w', 'stop']);
  }

  /** SIGSTOP of the postmaster and its children: sockets stay open, nothing answers. */
  async freeze(): Promise<void> {
    await this.#signalAll('SIGSTOP');
  }

  async thaw(): Promise<void> {
    await this.#signalAll('SIGCONT');
  }

  /** Stops the server (thawing it first, if frozen) and removes its files. */
  async destroy(): Promise<void> {
    await this.thaw().catch(() => undefined);
    await this.#pg('pg_ctl', ['-D', this.#dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    await rm(this.#dir, { recursive: true, force: true });
  }

  get #dataDir(): string {
    return path.join(this.#dir, 'data');
  }

  async #signalAll(signal: 'SIGSTOP' | 'SIGCONT'): Promise<void> {
    const postmaster = await this.#postmasterPid();
    // Postmaster first on stop (it forks no new backend afterwards), last on continue.
    const children = await childrenOf(postmaster);
    const order = signal === 'SIGSTOP' ? [postmaster, ...children] : [...children, postmaster];
    for (const pid of order) {
      try {
        process.kill(pid, signal);
      } catch {
        // a backend that ended meanwhile
      }
    }
  }

  async #postmasterPid(): Promise<number> {
    const first = (await readFile(path.join(this.#dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '';
    const pid = Number(first.trim());
    if (!Number.isSafeInteger(pid) || pid <= 0) throw new Error(`no postmaster pid in ${this.#dataDir}`);
    return pid;
  }

  async #pg(program: string, args: readonly string[]): Promise<void> {
    const binary = path.join(this.#binDir, program);
    // runuser leaves the working directory alone; postgres must be able to enter it.
    const [command, commandArgs] = this.#asPostgres ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, [...args]];
    await run(command, commandArgs, { cwd: this.#dir, timeout: 90_000 });
  }
}

/** Processes whose parent is `pid` (PostgreSQL's backends and auxiliary processes), from /proc. */
async function childrenOf(pid: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[1]) === pid) children.push(Number(entry));
  }
  return children;
}

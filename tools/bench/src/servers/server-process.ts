import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';

/** USER_HZ: 100 on every Linux architecture Node supports. */
const msPerClockTick = 10;

export interface ServerStart {
  /** What the tables call it: `api` or `baseline`. */
  readonly name: string;
  /** Script run by the workspace's Node 24 (type stripping). */
  readonly script: string;
  readonly nodeArgs?: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly port: number;
  /** stdout and stderr go here (the api logs at info to a file, never to a pipe this process reads). */
  readonly logFile: string;
  readonly cwd: string;
  readonly nodeBinary: string;
}

/** A server under test, started as its own process. */
export class ServerProcess {
  readonly name: string;
  readonly baseUrl: string;
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;

  private constructor(name: string, baseUrl: string, child: ChildProcess) {
    this.name = name;
    this.baseUrl = baseUrl;
    this.#child = child;
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** Starts the server and waits until `GET /readyz` answers 200 (or throws, with the log's path). */
  static async start(options: ServerStart, timeoutMs = 60_000): Promise<ServerProcess> {
    const log = openSync(options.logFile, 'a');
    const child = spawn(options.nodeBinary, [...(options.nodeArgs ?? []), options.script], {
      cwd: options.cwd,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...options.env, PORT: String(options.port) },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const server = new ServerProcess(options.name, `http://127.0.0.1:${options.port}`, child);
    await server.#waitUntilReady(timeoutMs, options.logFile);
    return server;
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  /** Resets the peak resident set size (VmHWM), so the next read covers one scenario only. */
  async resetPeakRss(): Promise<void> {
    await writeFile(`/proc/${this.pid}/clear_refs`, '5').catch(() => undefined);
  }

  /** Peak resident set size in MiB since start or the last reset (from /proc/<pid>/status). */
  async peakRssMiB(): Promise<number | null> {
    const status = await readFile(`/proc/${this.pid}/status`, 'utf8').catch(() => '');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  }

  /** CPU time (user + system) the process has used so far, in ms; null when it cannot be read. */
  async cpuMs(): Promise<number | null> {
    const stat = await readFile(`/proc/${this.pid}/stat`, 'utf8').catch(() => '');
    // Fields after the parenthesised command name: state is the 3rd field, utime the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * msPerClockTick : null;
  }

  /** SIGTERM, then SIGKILL after `timeoutMs`; resolves when the process has exited. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), timeoutMs);
    await this.#exited;
    clearTimeout(timer);
  }

  async #waitUntilReady(timeoutMs: number, logFile: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.#child.exitCode !== null || this.#child.signalCode !== null) {
        throw new Error(`${this.name} exited before it was ready; see ${logFile}`);
      }
      if (await answersReady(this.baseUrl)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await this.stop();
    throw new Error(`${this.name} was not ready within ${timeoutMs} ms; see ${logFile}`);
  }
}

export async function answersReady(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

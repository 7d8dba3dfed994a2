import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root, where `node_modules/.bin/node` (Node 24, runs .ts) and the api live. */
export const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const nodeBinary = path.join(workspaceRoot, 'node_modules/.bin/node');
const apiMain = path.join(workspaceRoot, 'apps/api/src/main.ts');

export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Ports this process handed out: a server may not have bound its port yet when the next is asked for. */
const handedOut = new Set<number>();

/**
 * A free port of 127.0.0.1 below the kernel's ephemeral range, so that no outgoing connection
 * takes it as its source port while a test has stopped the server on it and will start it again
 * (PostgreSQL and NATS restarts in the fault suites). Random in the range, then checked by binding.
 */
export async function freePort(): Promise<number> {
  const [lowest, ephemeralStart] = [10_000, await ephemeralRangeStart()];
  for (;;) {
    const port = lowest + Math.floor(Math.random() * (ephemeralStart - lowest));
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
}

async function ephemeralRangeStart(): Promise<number> {
  const range = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => '');
  const start = Number(range.trim().split(/\s+/)[0]);
  return Number.isInteger(start) && start > 20_000 ? start : 32_768;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** An api process started from source, with only the environment given here (plus PATH and HOME). */
export class ApiProcess {
  readonly baseUrl: string;
  readonly child: ChildProcess;
  readonly exited: Promise<ExitStatus>;
  #output = '';
  #stderr = '';
  #partialLine = '';
  readonly #errors: string[] = [];

  constructor(env: Readonly<Record<string, string>>) {
    this.baseUrl = `http://${env['HOST'] ?? '127.0.0.1'}:${env['PORT'] ?? '3000'}`;
    this.child = spawn(nodeBinary, [apiMain], {
      cwd: workspaceRoot,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    this.child.stdout?.on('data', (chunk: Buffer) => {
      this.#append(chunk);
      this.#scanLogLines(chunk.toString());
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-64 * 1024);
      this.#append(chunk);
    });
  }

  /** stdout and stderr together, the last 64 KiB (pino logs go to stdout, config errors to stderr). */
  get output(): string {
    return this.#output;
  }

  /** The `err.message` of every error or fatal log line the api wrote (pino JSON on stdout). */
  get loggedErrors(): readonly string[] {
    return this.#errors;
  }

  /** stderr alone, the last 64 KiB. */
  get stderr(): string {
    return this.#stderr;
  }

  /** Resolves once `GET /readyz` answers 200; rejects if the process exits first or time runs out. */
  async waitUntilReady(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited: ExitStatus | undefined;
    void this.exited.then((status) => (exited = status));
    while (Date.now() < deadline) {
      if (exited) throw new Error(`api exited (${describeExit(exited)}) before it was ready:\n${this.#output}`);
      try {
        const response = await fetch(`${this.baseUrl}/readyz`, { signal: AbortSignal.timeout(1_000) });
        await response.body?.cancel();
        // Another process answering on this port would look ready too: insist that ours still runs.
        if (response.status === 200 && this.child.exitCode === null && this.child.signalCode === null) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`api at ${this.baseUrl} was not ready within ${timeoutMs} ms:\n${this.#output}`);
  }

  /** The exit status, or a rejection if the process is still running after `timeoutMs`. */
  async exitWithin(timeoutMs: number): Promise<ExitStatus> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`api still running after ${timeoutMs} ms:\n${this.#output}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends a signal (SIGTERM by default) and waits for the process to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<ExitStatus> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  #scanLogLines(text: string): void {
    const lines = (this.#partialLine + text).split('\n');
    this.#partialLine = lines.pop() ?? '';
    for (const line of lines) {
      if (!/"level":(50|60)/.test(line)) continue;
      try {
        const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
        if (entry.err?.message && entry.msg !== 'request errored') this.#errors.push(entry.err.message.trim());
      } catch {
        this.#errors.push(line.slice(0, 500));
      }
    }
  }

  #append(chunk: Buffer): void {
    this.#output = (this.#output + chunk.toString()).slice(-64 * 1024);
  }
}

/**
 * Tests pick their load: the per-caller rate limit and admission control (suites send 120 requests
 * at once on purpose, and a busy CI machine starves the event loop) are off unless a test turns them
 * on, and a query may wait 5 s
 * (not 0.5): 120 writers queued on one cart's row lock on a loaded 2-core machine wait longer than
 * production ever should. The fault suite sets the production timeouts it measures.
 */
const testDefaults = {
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '0',
  MAX_EVENT_LOOP_DELAY_MS: '0',
  MAX_IN_FLIGHT_REQUESTS: '0',
  DATABASE_QUERY_TIMEOUT_MS: '5000',
};

/** Starts an api on a free port of 127.0.0.1 and waits until it is ready (retrying a lost port race). */
export async function startApi(env: Readonly<Record<string, string>>): Promise<ApiProcess> {
  for (let attempt = 1; ; attempt += 1) {
    const api = new ApiProcess({ ...testDefaults, ...env, PORT: String(await freePort()) });
    try {
      await api.waitUntilReady();
      return api;
    } catch (error) {
      await api.stop('SIGKILL');
      if (attempt >= 3 || !api.output.includes('EADDRINUSE')) throw error;
    }
  }
}

export function describeExit(status: ExitStatus): string {
  return status.signal ? `signal ${status.signal}` : `code ${status.code}`;
}

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

// Test helpers (through `@carteria/analytics/testing`); never used by production code.

/** A nats-server with JetStream on 127.0.0.1, its store in a temporary directory. */
export interface NatsServer {
  /** nats://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  /** Whether the process is up. */
  readonly running: boolean;
  /** Stops the process (SIGTERM, or SIGKILL when `abruptly`); the port and the store are kept for start(). */
  stop(options?: { readonly abruptly?: boolean }): Promise<void>;
  /** Starts it again on the same port with the same store (streams and messages survive). */
  start(): Promise<void>;
  /** Stops it and deletes its store. Safe to call twice. */
  dispose(): Promise<void>;
}

/**
 * The nats-server binary: NATS_SERVER_BIN, else `nats-server` on the PATH, else Debian's
 * /usr/sbin/nats-server; undefined when there is none (suites then skip with a clear name).
 */
export function natsServerBinary(): string | undefined {
  const fromEnv = process.env['NATS_SERVER_BIN'];
  const candidates = [
    ...(fromEnv ? [fromEnv] : []),
    ...(process.env['PATH'] ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'nats-server')),
    '/usr/sbin/nats-server',
    '/usr/bin/nats-server',
  ];
  return candidates.find(isExecutable);
}

/** Starts `nats-server -js -a 127.0.0.1 -p <free port> -sd <tmpdir>` and waits until it is ready. */
export async function startNatsServer(binary = natsServerBinary()): Promise<NatsServer> {
  if (!binary) throw new Error('nats-server was not found: install it (apt-get install nats-server) or set NATS_SERVER_BIN.');
  const storeDir = await mkdtemp(join(tmpdir(), 'carteria-nats-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let disposed: Promise<void> | undefined;

  const stop = async (options?: { readonly abruptly?: boolean }): Promise<void> => {
    const current = child;
    child = undefined;
    if (current) await ended(current, options?.abruptly ? 'SIGKILL' : 'SIGTERM');
  };
  const start = async (): Promise<void> => {
    if (child) return;
    child = await launch(binary, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir]);
  };

  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    get running() {
      return child !== undefined;
    },
    stop,
    start,
    dispose() {
      disposed ??= stop().finally(() => rm(storeDir, { recursive: true, force: true }));
      return disposed;
    },
  };
}

async function launch(binary: string, args: readonly string[]): Promise<ChildProcess> {
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`nats-server did not become ready in 10 s:\n${output}`)), 10_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.includes('Server is ready')) done();
    };
    const onExit = (code: number | null): void => fail(new Error(`nats-server exited (${code}):\n${output}`));
    const cleanUp = (): void => {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', fail);
      // Keep draining stderr so that a chatty server never blocks on a full pipe.
      child.stderr?.resume();
    };
    function done(): void {
      cleanUp();
      resolve();
    }
    function fail(error: Error): void {
      cleanUp();
      child.kill('SIGKILL');
      reject(error);
    }
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', fail);
  });
  return child;
}

function ended(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@carteria/testing';

/** Debian's nats-server (apt-get install nats-server); NATS_SERVER_BIN overrides it. */
export function natsServerBinary(): string | undefined {
  const candidates = [process.env['NATS_SERVER_BIN'], '/usr/sbin/nats-server', '/usr/bin/nats-server'];
  return candidates.find((candidate): candidate is string => candidate !== undefined && isExecutable(candidate));
}

/**
 * A real `nats-server -js` on 127.0.0.1, its JetStream store in a temp dir. `stop()` and `start()`
 * keep the port and the store, so the stream and its messages survive a restart.
 */
export class NatsBroker {
  readonly port: number;
  readonly url: string;
  readonly storeDir: string;
  readonly #binary: string;
  #child: ChildProcess | undefined;

  private constructor(binary: string, port: number, storeDir: string) {
    this.#binary = binary;
    this.port = port;
    this.storeDir = storeDir;
    this.url = `nats://127.0.0.1:${port}`;
  }

  static async start(): Promise<NatsBroker> {
    const binary = natsServerBinary();
    if (!binary) throw new Error('nats-server not found: apt-get install nats-server, or set NATS_SERVER_BIN');
    const broker = new NatsBroker(binary, await freePort(), await mkdtemp(path.join(tmpdir(), 'carteria-e2e-nats-')));
    await broker.start();
    return broker;
  }

  get running(): boolean {
    return this.#child !== undefined;
  }

  async start(): Promise<void> {
    if (this.#child) return;
    const child = spawn(this.#binary, ['-js', '-a', '127.0.0.1', '-p', String(this.port), '-sd', this.storeDir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.#child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`nats-server not ready within 10 s:\n${output}`)), 10_000);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes('Server is ready')) finish();
      };
      const onExit = (code: number | null): void => finish(new Error(`nats-server exited (${code}):\n${output}`));
      function finish(error?: Error): void {
        clearTimeout(timer);
        child.stderr?.off('data', onData);
        child.off('exit', onExit);
        child.stderr?.resume();
        if (error) {
          child.kill('SIGKILL');
          reject(error);
        } else resolve();
      }
      child.stderr?.on('data', onData);
      child.once('exit', onExit);
    }).catch((error: unknown) => {
      this.#child = undefined;
      throw error;
    });
  }

  /** SIGTERM (or SIGKILL) and wait for the exit; the port and store stay for `start()`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill(signal);
    });
  }

  async dispose(): Promise<void> {
    await this.stop();
    await rm(this.storeDir, { recursive: true, force: true });
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

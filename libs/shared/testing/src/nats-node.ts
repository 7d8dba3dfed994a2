import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './api-process.ts';

/**
 * The nats-server binary: NATS_SERVER_BIN, else `nats-server` on the PATH, else Debian's
 * (apt-get install nats-server); undefined when there is none (suites then skip with a clear name).
 */
export function natsServerBinary(): string | undefined {
  const onPath = (process.env['PATH'] ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'nats-server'));
  const candidates = [process.env['NATS_SERVER_BIN'], ...onPath, '/usr/sbin/nats-server', '/usr/bin/nats-server'];
  return candidates.find((candidate): candidate is string => candidate !== undefined && isExecutable(candidate));
}

export interface NatsNodeOptions {
  /** Server name (`-n`); JetStream in a cluster needs every node named. */
  readonly name: string;
  /** Cluster membership: this node's route port, the others' route ports, the cluster's name. */
  readonly cluster?: { readonly name: string; readonly routePort: number; readonly peerRoutePorts: readonly number[] };
}

/**
 * One `nats-server -js` on 127.0.0.1 with its own JetStream store, alone or as a member of a
 * cluster (`--cluster`, `--routes`, `--cluster_name`). `kill()` and `start()` keep the ports and
 * the store, so a killed member rejoins with what it had.
 */
export class NatsNode {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly storeDir: string;
  readonly #binary: string;
  readonly #options: NatsNodeOptions;
  #child: ChildProcess | undefined;
  #log = '';

  private constructor(binary: string, port: number, storeDir: string, options: NatsNodeOptions) {
    this.#binary = binary;
    this.#options = options;
    this.name = options.name;
    this.port = port;
    this.storeDir = storeDir;
    this.url = `nats://127.0.0.1:${port}`;
  }

  /** Creates the node (a free client port, a temp store) and starts it. */
  static async start(options: NatsNodeOptions): Promise<NatsNode> {
    const binary = natsServerBinary();
    if (!binary) throw new Error('nats-server not found: apt-get install nats-server, or set NATS_SERVER_BIN');
    const node = new NatsNode(binary, await freePort(), await mkdtemp(path.join(tmpdir(), `carteria-nats-${options.name}-`)), options);
    await node.start();
    return node;
  }

  get running(): boolean {
    return this.#child !== undefined;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** The server's log (stderr), the last 64 KiB. */
  get log(): string {
    return this.#log;
  }

  /** Starts the process and resolves once it logged `Server is ready`. */
  async start(): Promise<void> {
    if (this.#child) return;
    const args = ['-js', '-a', '127.0.0.1', '-p', String(this.port), '-n', this.name, '-sd', this.storeDir];
    const cluster = this.#options.cluster;
    if (cluster) {
      args.push('--cluster_name', cluster.name, '--cluster', `nats://127.0.0.1:${cluster.routePort}`);
      args.push('--routes', cluster.peerRoutePorts.map((port) => `nats://127.0.0.1:${port}`).join(','));
    }
    const child = spawn(this.#binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.#child = child;
    child.stderr?.on('data', (chunk: Buffer) => {
      this.#log = (this.#log + chunk.toString()).slice(-64 * 1024);
    });
    const startedAt = this.#log.length;
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (this.#log.slice(startedAt).includes('Server is ready')) finish();
      }, 20);
      const deadline = setTimeout(() => finish(new Error(`nats-server ${this.name} not ready within 10 s:\n${this.#log}`)), 10_000);
      const onExit = (code: number | null): void => finish(new Error(`nats-server ${this.name} exited (${code}):\n${this.#log}`));
      function finish(error?: Error): void {
        clearInterval(timer);
        clearTimeout(deadline);
        child.off('exit', onExit);
        if (error) {
          child.kill('SIGKILL');
          reject(error);
        } else resolve();
      }
      child.once('exit', onExit);
    }).catch((error: unknown) => {
      this.#child = undefined;
      throw error;
    });
  }

  /** SIGKILL (a crash: no goodbye to the cluster) or SIGTERM, and wait for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
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
    await this.kill('SIGTERM');
    await rm(this.storeDir, { recursive: true, force: true });
  }
}

/** Three (or `size`) JetStream nodes on loopback, every node routed to every other (a full mesh). */
export async function startNatsCluster(size = 3, name = 'carteria'): Promise<NatsNode[]> {
  const routePorts: number[] = [];
  for (let i = 0; i < size; i++) routePorts.push(await freePort());
  const nodes: NatsNode[] = [];
  try {
    // Started together: each waits for routes to the others only after `Server is ready`.
    const started = await Promise.all(
      routePorts.map((routePort, i) =>
        NatsNode.start({ name: `n${i + 1}`, cluster: { name, routePort, peerRoutePorts: routePorts.filter((port) => port !== routePort) } }).then(
          (node) => {
            nodes.push(node);
            return node;
          },
        ),
      ),
    );
    return started;
  } catch (error) {
    await Promise.all(nodes.map((node) => node.dispose()));
    throw error;
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

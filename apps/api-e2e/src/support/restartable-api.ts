import { randomBytes, randomUUID } from 'node:crypto';
import { ApiClient, type Customer } from './api-client.ts';
import { databaseFor, type ApiDatabase } from './api-databases.ts';
import { describeExit, startApi, type ApiProcess } from '@carteria/testing';
import type { Backend } from './e2e-environment.ts';
import { signToken, type TokenOptions } from './tokens.ts';

/**
 * An api of one suite's own on either backend that can be killed and started again on the same
 * database (same DATA_DIR or DATABASE_URL, same JWT secret, a new port). Customers made before a
 * restart need `clientFor` to reach the new process.
 */
export class RestartableApi {
  readonly name: Backend['name'];
  readonly #secret = randomBytes(32).toString('base64url');
  readonly #database: ApiDatabase;
  readonly #env: Readonly<Record<string, string>>;
  #api: ApiProcess | undefined;

  private constructor(name: Backend['name'], database: ApiDatabase, env: Readonly<Record<string, string>>) {
    this.name = name;
    this.#database = database;
    this.#env = env;
  }

  static async start(name: Backend['name'], env: Readonly<Record<string, string>>): Promise<RestartableApi> {
    const started = new RestartableApi(name, await databaseFor(name), env);
    try {
      await started.restart();
    } catch (error) {
      await started.#database.cleanup();
      throw error;
    }
    return started;
  }

  get process(): ApiProcess {
    if (!this.#api) throw new Error('the api is not running');
    return this.#api;
  }

  get baseUrl(): string {
    return this.process.baseUrl;
  }

  /** Starts a new process on the same database (after `kill`), and waits until it is ready. */
  async restart(): Promise<void> {
    if (this.#api && this.#api.child.exitCode === null && this.#api.child.signalCode === null) throw new Error('still running');
    this.#api = await startApi({ NODE_ENV: 'test', AUTH_JWT_SECRET: this.#secret, ...this.#database.env, ...this.#env });
  }

  /** SIGKILL: no shutdown, no relay drain. */
  async kill(): Promise<void> {
    await this.#api?.stop('SIGKILL');
  }

  async newCustomer(options: Omit<TokenOptions, 'secret'> = {}): Promise<Customer> {
    const userId = randomUUID();
    const token = await signToken(userId, { ...options, secret: this.#secret });
    return { userId, token, client: new ApiClient(this.baseUrl, token) };
  }

  /** The same caller against the process running now. */
  clientFor(customer: Customer): ApiClient {
    return new ApiClient(this.baseUrl, customer.token);
  }

  /** SIGTERM; rejects unless the api exits 0. Removes the database either way. */
  async stop(): Promise<void> {
    try {
      const api = this.#api;
      if (api && api.child.exitCode === null && api.child.signalCode === null) {
        const status = await api.stop('SIGTERM');
        if (status.code !== 0) throw new Error(`the ${this.name} api did not shut down cleanly (${describeExit(status)}):\n${api.output}`);
      }
    } finally {
      await this.#database.cleanup();
    }
  }
}

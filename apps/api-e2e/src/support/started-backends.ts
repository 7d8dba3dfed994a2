import type { ApiProcess } from '@carteria/testing';
import type { Backend } from './e2e-environment.ts';

/** A running api and how to remove what it was given (temp dir, scratch database). */
export interface StartedBackend {
  readonly name: Backend['name'];
  readonly api: ApiProcess;
  readonly cleanup: () => Promise<void>;
}

// globalSetup and globalTeardown run in the same process, but as separate modules: a global is
// the one channel between them (Jest documents this use).
const key = Symbol.for('carteria.api-e2e.started');
type Holder = Record<symbol, readonly StartedBackend[] | undefined>;

export function rememberStarted(started: readonly StartedBackend[]): void {
  (globalThis as unknown as Holder)[key] = started;
}

export function takeStarted(): readonly StartedBackend[] {
  const holder = globalThis as unknown as Holder;
  const started = holder[key] ?? [];
  holder[key] = undefined;
  return started;
}

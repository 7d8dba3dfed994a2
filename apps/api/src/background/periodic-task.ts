import type { Logger as PinoLogger } from 'pino';

export interface PeriodicTask {
  stop(): Promise<void>;
}

/**
 * Runs `work` every `intervalMs` (never two runs at once), logging failures; `stop` waits for a run
 * in progress. Timers are unref'd so they never keep the process alive.
 */
export function everyInterval(name: string, intervalMs: number, work: () => Promise<void>, logger: PinoLogger): PeriodicTask {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = work()
      .catch((error: unknown) => logger.warn({ err: error, task: name }, 'background task failed'))
      .finally(() => {
        running = null;
      });
  }, intervalMs).unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

import { describeExit } from '@carteria/testing';
import { takeStarted } from './started-backends.ts';

/**
 * Stops every api globalSetup started with SIGTERM and fails the run unless each one shut down
 * cleanly (exit code 0); then removes its temp dir or scratch database. Prints what each api
 * logged as an error, so a 500 seen by a test can be traced to its cause.
 */
export default async function globalTeardown(): Promise<void> {
  const problems: string[] = [];
  await Promise.all(
    takeStarted().map(async ({ name, api, cleanup }) => {
      const status = await api.stop('SIGTERM');
      const errors = api.loggedErrors;
      const distinct = [...new Set(errors.map((message) => message.replaceAll(/\s+/g, ' ').slice(0, 300)))];
      process.stdout.write(
        `api-e2e: ${name} api stopped (${describeExit(status)}); it logged ${errors.length} errors` +
          `${distinct.length > 0 ? `:\n  ${distinct.slice(0, 5).join('\n  ')}` : ''}\n`,
      );
      if (status.code !== 0) problems.push(`${name} api did not shut down cleanly (${describeExit(status)}):\n${api.output}`);
      await cleanup();
    }),
  );
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

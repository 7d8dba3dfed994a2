// Tracing patches http, express and pg as they load, so it starts before the service is imported.
import { startTracing } from './observability/tracing.ts';

const tracing = await startTracing();
const { run } = await import('./run.ts');
await run(tracing);

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { measuringMark, type LoadResult, type LoadSpec } from './load-spec.ts';

const runner = fileURLToPath(new URL('./load-runner.ts', import.meta.url));

/**
 * Runs one scenario's load in a child process of its own, so the load generator never shares the
 * server's event loop. `onMeasuring` is called when the warm-up is over and the measured run starts.
 */
export function runLoad(nodeBinary: string, spec: LoadSpec, onMeasuring: () => void = () => undefined): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(nodeBinary, [runner, JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let measuring = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!measuring && stdout.includes(measuringMark)) {
        measuring = true;
        onMeasuring();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4096)));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        reject(new Error(`load runner failed (exit ${code}): ${stderr || stdout}`));
        return;
      }
      // NaN (no 2xx answer at all) travels as null in JSON.
      const result = JSON.parse(line, (_key, value: unknown) => (value === null ? Number.NaN : value)) as LoadResult;
      resolve(result);
    });
  });
}

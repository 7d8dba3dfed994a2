/** Runs `work` and measures it in whole milliseconds. */
export async function timed<T>(work: () => Promise<T>): Promise<{ readonly result: T; readonly ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: Math.round(performance.now() - started) };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Prints a figure the lead quotes in the closing note. */
export function report(topic: string, text: string): void {
  console.log(`[api-e2e ${topic}] ${text}`);
}

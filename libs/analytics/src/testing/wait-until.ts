/** Polls `condition` every `intervalMs` until it holds; throws `message` after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  options: { readonly timeoutMs?: number; readonly intervalMs?: number; readonly message?: string } = {},
): Promise<void> {
  const deadline = performance.now() + (options.timeoutMs ?? 20_000);
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(options.message ?? 'The condition did not hold in time.');
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20));
  }
}

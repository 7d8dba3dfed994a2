/**
 * How long to wait before reconnect attempt `attempt` (0-based): doubling from `baseMs` up to
 * `maxMs`, each wait drawn from its upper half so that tabs reconnecting together spread out.
 * @param {number} attempt
 * @param {{ baseMs?: number, maxMs?: number, random?: () => number }} [options]
 * @returns {number} milliseconds
 */
export function reconnectDelay(attempt, options = {}) {
  const { baseMs = 500, maxMs = 5_000, random = Math.random } = options;
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

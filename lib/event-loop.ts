/**
 * Waits for a turn of the event loop, so that other requests run. Awaiting Prisma on the SQLite
 * adapter never gives one: its queries run synchronously and resolve as microtasks, so a loop of
 * awaited queries (a dedup run's pages and merges) holds the whole server until it ends.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

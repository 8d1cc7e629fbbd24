/** Counts turns of the event loop (not time) until the returned `stop` is called: one blocking run allows none. */
export function countTurns(): () => number {
  let turns = 0;
  let counting = true;
  const tick = () => {
    turns++;
    if (counting) setImmediate(tick);
  };
  setImmediate(tick);
  return () => {
    counting = false;
    return turns;
  };
}

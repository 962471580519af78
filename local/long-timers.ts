/** Timeouts longer than Node allows, for Step Functions' long waits on one machine. */
const MAX_DELAY = 2 ** 31 - 1;
class LongTimer {
  inner: unknown;
}

/**
 * Node (and fake-timers) fire a timeout longer than ~24.8 days after 1 ms. Step Functions waits up to
 * a year (execution TimeoutSeconds, a 30-day task wait, a Wait on a far deadline), so long delays are
 * chained here. Returns the function that restores the previous timers.
 */
export function allowLongTimers(): () => void {
  const g = globalThis as unknown as { setTimeout: (...a: unknown[]) => unknown; clearTimeout: (h: unknown) => void };
  const baseSet = g.setTimeout;
  const baseClear = g.clearTimeout;
  g.setTimeout = (fn: unknown, ms?: unknown, ...args: unknown[]) => {
    const delay = Number(ms ?? 0);
    if (!(delay > MAX_DELAY) || typeof fn !== 'function') return baseSet(fn, ms, ...args);
    const handle = new LongTimer();
    const due = Date.now() + delay;
    const arm = () => {
      const left = due - Date.now();
      handle.inner =
        left > MAX_DELAY
          ? baseSet(arm, MAX_DELAY)
          : baseSet(() => (fn as (...a: unknown[]) => void)(...args), Math.max(0, left));
    };
    arm();
    return handle;
  };
  g.clearTimeout = (h: unknown) => baseClear(h instanceof LongTimer ? h.inner : h);
  return () => {
    g.setTimeout = baseSet;
    g.clearTimeout = baseClear;
  };
}

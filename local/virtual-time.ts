/**
 * How the workflow engine moves virtual time (@sinonjs/fake-timers): every timer due at the same instant
 * fires at once (the executions they wake then run side by side), and time moves on only once no task
 * handler is in flight, so a task doing real I/O (dynalite over loopback) never meets its own timeout.
 */

interface FakeTimer {
  callAt: number;
}
export interface FakeClock {
  now: number;
  timers?: Map<number, FakeTimer> | Record<string, FakeTimer>;
  tick(ms: number): number;
  uninstall(): void;
}

/** Settling and stepping a fake clock; `inFlight` counts the task handlers running. */
export function virtualTime(fake: FakeClock | undefined, inFlight: () => number) {
  const nativeImmediate = () => new Promise<void>((r) => setImmediate(r));
  const earliest = (): number | undefined => {
    const t = fake?.timers;
    if (!t) return undefined;
    let min: number | undefined;
    for (const timer of t instanceof Map ? t.values() : Object.values(t))
      if (min === undefined || timer.callAt < min) min = timer.callAt;
    return min;
  };

  /**
   * Lets in-flight handlers finish and fires timers that are already due, until nothing moves. Every
   * timer due at the same instant fires at once (their executions then run side by side); time never
   * moves on while a handler is in flight, so a task doing real I/O never meets its own timeout.
   */
  const settle = async (working: () => boolean = () => false) => {
    let quiet = 0;
    let busy = 0;
    while (quiet < 3) {
      await nativeImmediate();
      if (inFlight() > 0 || working()) {
        quiet = 0;
        busy += 1;
        // A handler awaiting a short timer of its own (an SDK or storage backoff) would wait forever
        // on a virtual clock: after a while, let time run up to one second for it.
        if (fake && busy % 200 === 0) {
          const next = earliest();
          if (next !== undefined && next - fake.now <= 1000) fake.tick(Math.max(0, next - fake.now));
        }
        continue;
      }
      const next = fake ? earliest() : undefined;
      if (fake && next !== undefined && next <= fake.now) {
        quiet = 0;
        fake.tick(0);
        continue;
      }
      quiet += 1;
    }
  };

  let queue: Promise<void> = Promise.resolve();
  const serial = (fn: () => Promise<void>) => {
    const p = queue.then(fn);
    queue = p.catch(() => undefined);
    return p;
  };

  const advanceTo = (instant: Date) =>
    serial(async () => {
      if (!fake) throw new Error('advanceTo needs the virtual clock');
      const target = instant.getTime();
      await settle();
      for (;;) {
        const next = earliest();
        if (next === undefined || next > target) break;
        // Every timer due at that instant, at once; then what they started runs before time moves again.
        fake.tick(Math.max(0, next - fake.now));
        await settle();
      }
      if (fake.now < target) fake.tick(target - fake.now);
      await settle();
    });

  /**
   * Runs time as `settle` does until `work` is done (work outside a task handler: the start-up resume). On
   * the real clock timers run by themselves: `work` is only awaited (no spinning on setImmediate meanwhile).
   */
  const during = async <T>(work: Promise<T>): Promise<T> => {
    if (!fake) return work;
    let working = true;
    const done = work.finally(() => {
      working = false;
    });
    // Its rejection reaches the caller below, once time has settled: not an unhandled one meanwhile.
    done.catch(() => undefined);
    await settle(() => working);
    return done;
  };

  return { settle, serial, advanceTo, during };
}

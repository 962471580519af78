/**
 * local/virtual-time.ts `during`: work done outside the task handlers (the start-up resume) is awaited
 * while virtual time settles; its failure reaches the caller (never an unhandled rejection that would end
 * the process), and on the real clock it is only awaited, with no spinning meanwhile.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeClock, virtualTime } from '../../local/virtual-time.js';

/** A fake clock with no timers: settling it only waits for the work. */
const stillClock = (): FakeClock => ({ now: 0, timers: new Map(), tick: () => 0, uninstall: () => undefined });
/** A promise that settles after `hops` turns of the event loop (no timer, no timing). */
const settledAfter = (hops: number, fail?: Error) =>
  new Promise<string>((resolve, reject) => {
    const hop = (left: number) =>
      left === 0 ? (fail ? reject(fail) : resolve('done')) : setImmediate(() => hop(left - 1));
    hop(hops);
  });

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  unhandled.length = 0;
});

describe('during: work outside the task handlers', () => {
  it('a work that rejects is seen by the caller, and is never an unhandled rejection while time settles', async () => {
    // Prepare
    process.on('unhandledRejection', onUnhandled);
    const { during } = virtualTime(stillClock(), () => 0);
    const failure = new Error('resume failed');

    // Act
    const seen = await during(Promise.reject(failure)).catch((e: unknown) => e);
    await settledAfter(5); // past the turn in which Node reports an unhandled rejection

    // Assess
    expect(seen).toBe(failure);
    expect(unhandled).toEqual([]);
  });

  it('on the real clock the work is only awaited: nothing polls the handlers while it runs', async () => {
    // Prepare
    let polls = 0;
    const { during } = virtualTime(undefined, () => {
      polls += 1;
      return 0;
    });

    // Act
    const out = await during(settledAfter(50));

    // Assess
    expect(out).toBe('done');
    expect(polls).toBe(0);
  });

  it('on the virtual clock its result comes back once the work is done', async () => {
    // Prepare
    const { during } = virtualTime(stillClock(), () => 0);

    // Act
    const out = await during(settledAfter(50));

    // Assess
    expect(out).toBe('done');
  });
});

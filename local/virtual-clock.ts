/**
 * The local runtime's controllable clock: where the virtual "now" is kept between runs, how a jump is
 * written ("+25h", "+1w2d", an ISO instant), and the wall clock (the engine fakes `Date` in this
 * process, so real time is read from `performance`, which it leaves alone).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The file in the data dir that keeps the virtual clock between runs. */
const CLOCK_FILE = 'virtual-clock.json';

/** Wall-clock milliseconds, even while `Date` is faked. */
const realNowMs = (): number => Math.round(performance.timeOrigin + performance.now());

/** What the clock file holds: the virtual instant and the wall-clock instant it was saved at. */
interface SavedClock {
  virtualNow: string;
  savedAt: string;
}

/**
 * Where a restarted virtual clock starts: the saved virtual instant moved on by the wall-clock time the
 * runtime was stopped (its offset from real time is kept), never earlier than the saved instant.
 * Undefined on first start (the clock then starts at real now).
 */
export function loadVirtualStart(dataDir: string, realNow = realNowMs()): Date | undefined {
  const file = join(dataDir, CLOCK_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedClock;
    const virtualNow = Date.parse(saved.virtualNow);
    const savedAt = Date.parse(saved.savedAt);
    if (!Number.isFinite(virtualNow) || !Number.isFinite(savedAt)) return undefined;
    return new Date(Math.max(virtualNow, virtualNow + (realNow - savedAt)));
  } catch {
    return undefined;
  }
}

/** Saves the virtual instant (write then rename, so a crash never leaves half a file). */
export function saveVirtualNow(dataDir: string, virtualNow: Date, realNow = realNowMs()): void {
  const file = join(dataDir, CLOCK_FILE);
  mkdirSync(dirname(file), { recursive: true });
  const saved: SavedClock = { virtualNow: virtualNow.toISOString(), savedAt: new Date(realNow).toISOString() };
  writeFileSync(`${file}.tmp`, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = { w: 7 * DAY_MS, d: DAY_MS, h: 3_600_000, m: 60_000, s: 1000 };

/**
 * The longest jump the clock makes at once: two years (730 days). Every clock in the policies and the
 * yearly hand-over falls due within it, so any case can be walked to its end in a few jumps; a jump
 * fires every timer due on the way in order, so one of centuries (`+999999w`) would run for hours,
 * with the saved clock moving ahead the whole time. A longer jump is refused before anything moves.
 */
export const LONGEST_JUMP_MS = 730 * DAY_MS;
/** The refusal of a jump past LONGEST_JUMP_MS, naming the limit (the caller names the field). */
export const TOO_FAR = 'must not move the clock more than 2 years (730 days) at once: jump in steps of up to 2 years';

/** The length of a relative jump ("+25h", "+1w2d"), or undefined when `spec` is not one. */
export function jumpLength(spec: string): number | undefined {
  const relative = /^\+?((?:\d{1,6}[wdhms])+)$/i.exec(spec.trim());
  if (!relative) return undefined;
  let ms = 0;
  for (const [, n, unit] of (relative[1] as string).matchAll(/(\d+)([wdhms])/gi))
    ms += Number(n) * (UNIT_MS[(unit as string).toLowerCase()] as number);
  return ms;
}

/**
 * Parses a jump: "+25h", "+1d", "+1w2d", "+90m" (weeks, days, hours, minutes, seconds; the "+" is
 * optional) or an ISO instant with a zone ("2026-12-01T09:00Z"). Returns the target instant, or an
 * error that says what is accepted (TOO_FAR for one more than LONGEST_JUMP_MS past `now`).
 */
export function parseJump(spec: string, now: Date): { to: Date } | { error: string } {
  const text = spec.trim();
  const ms = jumpLength(text);
  if (ms !== undefined) return ms > LONGEST_JUMP_MS ? { error: TOO_FAR } : { to: new Date(now.getTime() + ms) };
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    const to = Date.parse(text);
    if (Number.isFinite(to)) return to - now.getTime() > LONGEST_JUMP_MS ? { error: TOO_FAR } : { to: new Date(to) };
  }
  return {
    error: 'must be a duration such as +25h, +1d, +1w2d or +90m, or an instant with a zone such as 2026-12-01T09:00Z',
  };
}

/** A length in words for people: "1 week 2 days 3 hours". */
export function durationWords(ms: number): string {
  const parts: string[] = [];
  let left = Math.max(0, Math.round(ms / 60_000));
  for (const [name, minutes] of [
    ['week', 10_080],
    ['day', 1440],
    ['hour', 60],
    ['minute', 1],
  ] as const) {
    const n = Math.floor(left / minutes);
    left -= n * minutes;
    if (n) parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
  }
  return parts.join(' ') || '0 minutes';
}

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

const UNIT_MS: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

/**
 * Parses a jump: "+25h", "+1d", "+1w2d", "+90m" (weeks, days, hours, minutes, seconds; the "+" is
 * optional) or an ISO instant with a zone ("2026-12-01T09:00Z"). Returns the target instant, or an
 * error that says what is accepted.
 */
export function parseJump(spec: string, now: Date): { to: Date } | { error: string } {
  const text = spec.trim();
  const relative = /^\+?((?:\d{1,6}[wdhms])+)$/i.exec(text);
  if (relative) {
    let ms = 0;
    for (const [, n, unit] of (relative[1] as string).matchAll(/(\d+)([wdhms])/gi))
      ms += Number(n) * (UNIT_MS[(unit as string).toLowerCase()] as number);
    return { to: new Date(now.getTime() + ms) };
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    const to = Date.parse(text);
    if (Number.isFinite(to)) return { to: new Date(to) };
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

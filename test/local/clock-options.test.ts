import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStartOptions } from '../../local/start-options.js';
import {
  durationWords,
  LONGEST_JUMP_MS,
  loadVirtualStart,
  parseJump,
  saveVirtualNow,
  TOO_FAR,
} from '../../local/virtual-clock.js';

const HOUR = 3_600_000;

describe('npm start options', () => {
  it('defaults to the virtual clock at 1 × real time on 127.0.0.1:3000 with .haven-data', () => {
    // Prepare: no options, no environment.
    // Act
    const options = parseStartOptions([], {});

    // Assess
    expect(options).toEqual({ port: 3000, host: '127.0.0.1', dataDir: '.haven-data', clock: 'virtual', speed: 1 });
  });

  it('takes --speed, --port, --data-dir and --clock, and they win over the environment', () => {
    // Prepare
    const env = { PORT: '4000', HAVEN_DATA_DIR: '/env', HAVEN_CLOCK: 'real', HAVEN_SPEED: '5' };

    // Act
    const fromCommandLine = parseStartOptions(['--speed', '600', '--port', '0', '--data-dir', '/cli'], env);
    const fromEnvironment = parseStartOptions([], env);
    const virtualFromEnvironment = parseStartOptions([], { HAVEN_CLOCK: 'virtual', HAVEN_SPEED: '60' });
    const standingStill = parseStartOptions(['--speed', '0'], {});
    const help = parseStartOptions(['--help'], {});

    // Assess
    expect(fromCommandLine).toEqual({ port: 0, host: '127.0.0.1', dataDir: '/cli', clock: 'virtual', speed: 600 });
    expect(fromEnvironment).toMatchObject({ port: 4000, dataDir: '/env', clock: 'real', speed: 1 });
    expect(virtualFromEnvironment).toMatchObject({ clock: 'virtual', speed: 60 });
    expect(standingStill).toMatchObject({ clock: 'virtual', speed: 0 });
    expect(help).toBe('help');
  });

  it('refuses a bad value, naming the option', () => {
    // Prepare
    const parse =
      (...argv: string[]) =>
      () =>
        parseStartOptions(argv, {});

    // Act and Assess: each refusal names its option.
    expect(parse('--speed', 'fast')).toThrow(/--speed/);
    expect(parse('--speed', '-1')).toThrow(/--speed/);
    expect(parse('--port', '70000')).toThrow(/--port/);
    expect(parse('--clock', 'sundial')).toThrow(/--clock/);
    expect(parse('--clock', 'real', '--speed', '2')).toThrow(/--speed needs the virtual clock/);
    expect(parse('--sped', '2')).toThrow();
  });
});

describe('clock jumps and the clock file', () => {
  const now = new Date('2026-11-25T12:00:00Z');

  it('reads durations and instants', () => {
    // Prepare
    const bad = ['', 'soon', '-1h', '2026-12-01', '2026-12-01T09:00', '+1y'];

    // Act
    const hours = parseJump('+25h', now);
    const weeksAndDays = parseJump('1w2d', now);
    const minutes = parseJump('+90m', now);
    const instant = parseJump('2026-12-01T09:00Z', now);
    const zoned = parseJump('2026-12-01T09:00+01:00', now);
    const refused = bad.map((spec) => parseJump(spec, now));
    const words = durationWords(9 * 24 * HOUR + HOUR);

    // Assess
    expect(hours).toEqual({ to: new Date(now.getTime() + 25 * HOUR) });
    expect(weeksAndDays).toEqual({ to: new Date(now.getTime() + 9 * 24 * HOUR) });
    expect(minutes).toEqual({ to: new Date(now.getTime() + 90 * 60_000) });
    expect(instant).toEqual({ to: new Date('2026-12-01T09:00:00Z') });
    expect(zoned).toEqual({ to: new Date('2026-12-01T08:00:00Z') });
    for (const [i, answer] of refused.entries()) expect(answer, bad[i]).toHaveProperty('error');
    expect(words).toBe('1 week 2 days 1 hour');
  });

  it('a jump moves the clock at most two years (730 days) at once: past that, by a duration or to an instant, it is refused naming the limit', () => {
    // Prepare
    const tooFar = [
      '+999999w',
      '+105w',
      '+731d',
      '+730d1s',
      new Date(now.getTime() + LONGEST_JUMP_MS + 1000).toISOString(),
    ];

    // Act
    const refused = tooFar.map((spec) => parseJump(spec, now));
    const longest = parseJump('+730d', now);
    const toTheLimit = parseJump(new Date(now.getTime() + LONGEST_JUMP_MS).toISOString(), now);

    // Assess
    for (const [i, answer] of refused.entries()) expect(answer, tooFar[i]).toEqual({ error: TOO_FAR });
    expect(TOO_FAR).toContain('2 years (730 days)');
    expect(LONGEST_JUMP_MS).toBe(730 * 24 * HOUR);
    expect(longest).toEqual({ to: new Date(now.getTime() + 730 * 24 * HOUR) });
    expect(toTheLimit).toEqual({ to: new Date(now.getTime() + LONGEST_JUMP_MS) });
  });

  it('a restarted virtual clock carries its offset from real time on and never goes back', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'haven-clock-'));
    const real = Date.parse('2026-11-25T12:00:00Z');
    try {
      const firstStart = loadVirtualStart(dir);
      saveVirtualNow(dir, new Date(real + 10 * 24 * HOUR), real);

      // Act: stopped for an hour of wall-clock time, and a wall clock set back an hour.
      const anHourLater = loadVirtualStart(dir, real + HOUR);
      const wallClockSetBack = loadVirtualStart(dir, real - HOUR);

      // Assess: the virtual clock is an hour on too; a wall clock set back never takes Haven back.
      expect(firstStart).toBeUndefined();
      expect(anHourLater).toEqual(new Date(real + 10 * 24 * HOUR + HOUR));
      expect(wallClockSetBack).toEqual(new Date(real + 10 * 24 * HOUR));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStartOptions } from '../../local/start-options.js';
import { durationWords, loadVirtualStart, parseJump, saveVirtualNow } from '../../local/virtual-clock.js';

const HOUR = 3_600_000;

describe('npm start options (issue 7 item 3)', () => {
  it('defaults to the virtual clock at 1 × real time on 127.0.0.1:3000 with .haven-data', () => {
    expect(parseStartOptions([], {})).toEqual({ port: 3000, host: '127.0.0.1', dataDir: '.haven-data', clock: 'virtual', speed: 1 });
  });
  it('takes --speed, --port, --data-dir and --clock, and they win over the environment', () => {
    const env = { PORT: '4000', HAVEN_DATA_DIR: '/env', HAVEN_CLOCK: 'real', HAVEN_SPEED: '5' };
    expect(parseStartOptions(['--speed', '600', '--port', '0', '--data-dir', '/cli'], env)).toEqual({ port: 0, host: '127.0.0.1', dataDir: '/cli', clock: 'virtual', speed: 600 });
    expect(parseStartOptions([], env)).toMatchObject({ port: 4000, dataDir: '/env', clock: 'real', speed: 1 });
    expect(parseStartOptions([], { HAVEN_CLOCK: 'virtual', HAVEN_SPEED: '60' })).toMatchObject({ clock: 'virtual', speed: 60 });
    expect(parseStartOptions(['--speed', '0'], {})).toMatchObject({ clock: 'virtual', speed: 0 });
    expect(parseStartOptions(['--help'], {})).toBe('help');
  });
  it('refuses a bad value, naming the option', () => {
    expect(() => parseStartOptions(['--speed', 'fast'], {})).toThrow(/--speed/);
    expect(() => parseStartOptions(['--speed', '-1'], {})).toThrow(/--speed/);
    expect(() => parseStartOptions(['--port', '70000'], {})).toThrow(/--port/);
    expect(() => parseStartOptions(['--clock', 'sundial'], {})).toThrow(/--clock/);
    expect(() => parseStartOptions(['--clock', 'real', '--speed', '2'], {})).toThrow(/--speed needs the virtual clock/);
    expect(() => parseStartOptions(['--sped', '2'], {})).toThrow();
  });
});

describe('clock jumps and the clock file (issue 7 item 3)', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  it('reads durations and instants', () => {
    expect(parseJump('+25h', now)).toEqual({ to: new Date(now.getTime() + 25 * HOUR) });
    expect(parseJump('1w2d', now)).toEqual({ to: new Date(now.getTime() + 9 * 24 * HOUR) });
    expect(parseJump('+90m', now)).toEqual({ to: new Date(now.getTime() + 90 * 60_000) });
    expect(parseJump('2026-12-01T09:00Z', now)).toEqual({ to: new Date('2026-12-01T09:00:00Z') });
    expect(parseJump('2026-12-01T09:00+01:00', now)).toEqual({ to: new Date('2026-12-01T08:00:00Z') });
    for (const bad of ['', 'soon', '-1h', '2026-12-01', '2026-12-01T09:00', '+1y']) expect(parseJump(bad, now), bad).toHaveProperty('error');
    expect(durationWords(9 * 24 * HOUR + HOUR)).toBe('1 week 2 days 1 hour');
  });
  it('a restarted virtual clock carries its offset from real time on and never goes back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'haven-clock-'));
    try {
      expect(loadVirtualStart(dir)).toBeUndefined();
      const real = Date.parse('2026-11-25T12:00:00Z');
      saveVirtualNow(dir, new Date(real + 10 * 24 * HOUR), real);
      // Stopped for an hour of wall-clock time: the virtual clock is an hour on too.
      expect(loadVirtualStart(dir, real + HOUR)).toEqual(new Date(real + 10 * 24 * HOUR + HOUR));
      // A wall clock set back never takes Haven back.
      expect(loadVirtualStart(dir, real - HOUR)).toEqual(new Date(real + 10 * 24 * HOUR));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

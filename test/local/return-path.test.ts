/**
 * One rule for where a sign-in may return to: the console's session.mjs (`returnTarget`) and the
 * local identity (`signInLanding`) keep the same list of console pages, and refuse the same attacks,
 * so `?return=` is no open redirect on either side.
 */
import { describe, expect, it } from 'vitest';
import { signInLanding } from '../../local/identity.js';

// session.mjs is browser code without a committed declaration: its one function, typed here.
const SESSION = new URL('../../web/console/js/session.mjs', import.meta.url).href;
const { returnTarget } = (await import(SESSION)) as { returnTarget: (raw: string) => string | undefined };

const ACCEPTED = [
  'index.html',
  'case.html',
  'case.html?id=3f1c2b9e-0d4a-4c1e-9b7a-2f6d8e1a0c55',
  '/console/case.html?id=abc_DEF-123',
  'console/tasks.html',
  'figures.html',
  'alerts.html',
];
const REFUSED = [
  '',
  '//evil.example',
  '//evil.example/console/index.html',
  'https://evil',
  'https://evil.example/console/index.html',
  'javascript:alert(1)',
  'JavaScript:alert(1)//index.html',
  'case.html?id=../x',
  'case.html?id=..%2Fx',
  '%2F%2Fevil.example',
  '/%2F/evil.example',
  'case.html?id=a&next=//evil',
  'case.html#//evil',
  '../index.html',
  'index.html/../../evil',
  'admin.html',
  'index.htm',
  ' index.html',
  'index.html\n',
  `case.html?id=${'a'.repeat(81)}`,
];

/** Whether the local sign-in lands on the page asked for (else it falls back to the caseload). */
const landsOn = (raw: string) => {
  const landing = signInLanding({ role: 'officer' }, raw);
  return landing === `/console/${raw.replace(/^\/?console\//, '')}` ? landing : undefined;
};

describe('a sign-in returns only to a console page, the same list in the console and the local identity', () => {
  it.each(ACCEPTED)('both accept %j', (raw) => {
    // Act
    const inConsole = returnTarget(raw);
    const local = landsOn(raw);

    // Assess
    expect(inConsole).toBe(raw.replace(/^\/?console\//, ''));
    expect(local).toBe(`/console/${inConsole}`);
  });

  it.each(REFUSED)('both refuse %j', (raw) => {
    // Act
    const inConsole = returnTarget(raw);
    const landing = signInLanding({ role: 'officer' }, raw);

    // Assess
    expect(inConsole).toBeUndefined();
    expect(landing).toBe('/console/index.html');
  });
});

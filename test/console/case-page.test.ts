import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASSOCIATION_IDS } from '../../config/index.js';
import { dataFile } from '../../web/console/build-data.js';
import { casePage } from '../../web/console/js/case-page.mjs';
import { idsInWords } from '../../web/console/js/labels.mjs';

const JS = resolve(import.meta.dirname, '..', '..', 'web', 'console', 'js');
const NOW = Date.parse('2026-11-25T12:00:00Z');
const HOUR = 3_600_000;

type Length = { minutes?: number; hours?: number; days?: number; workingDays?: number };
type Data = { id: string; clocks: Record<string, Length>; areas: { id: string }[] };
const dataOf = (id: string) => JSON.parse(readFileSync(dataFile(id), 'utf8')) as Data;

/** An open case of the association, with every clock its config sets running (or none) and a MARAC referral due. */
function openCase(data: Data, clocks: 'every clock' | 'no clock') {
  return {
    reference: 'HV-TEST-1',
    status: 'open',
    version: 3,
    reportedAt: new Date(NOW - 2 * HOUR).toISOString(),
    asAt: new Date(NOW).toISOString(),
    immediateDanger: false,
    detailsShown: false,
    hidden: ['name', 'address'],
    facts: { area: data.areas[0]?.id, risk: 'high' },
    report: { reporterKind: 'victim', abuseTypes: ['physical'], safeContact: {} },
    clocks:
      clocks === 'every clock'
        ? Object.keys(data.clocks).map((clock, i) => ({
            clock,
            duty: 'initial-contact',
            deadline: new Date(NOW + (i + 1) * HOUR).toISOString(),
            overdue: false,
          }))
        : [],
    requiredActions: [
      {
        duty: 'marac-referral',
        why: 'DASH high risk',
        status: 'open',
        consent: { rule: 'not-needed', mayProceed: true },
      },
    ],
    holdingPauses: [],
    contacts: [],
    contactPlanVersions: [],
    timeline: [{ type: 'reported', at: new Date(NOW - 2 * HOUR).toISOString(), actor: { kind: 'public' } }],
    flags: {},
  };
}

/** The page's words as an officer reads them (tags dropped, entities decoded). */
function pageWords(data: Data, clocks: 'every clock' | 'no clock'): string {
  const me = { sub: 'officer-1', email: 'officer@example.test', seesAllCases: true };
  return casePage({ view: openCase(data, clocks), data, me, revealed: false, offset: 0, now: NOW })
    .value.replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&quot;|&amp;|&lt;|&gt;/g, ' ')
    .replace(/\s+/g, ' ');
}

/** "30 minutes", "24 hours", "14 days", "1 working day": how the config's lengths read. */
const lengthWords = (l: Length) =>
  l.minutes
    ? `${l.minutes} minute${l.minutes === 1 ? '' : 's'}`
    : l.hours
      ? `${l.hours} hour${l.hours === 1 ? '' : 's'}`
      : l.days
        ? `${l.days} day${l.days === 1 ? '' : 's'}`
        : `${l.workingDays} working day${l.workingDays === 1 ? '' : 's'}`;

describe("the case page's policy words come from the association's config (issue 13)", () => {
  it.each(ASSOCIATION_IDS)(
    '%s: every length of time the page states is one of its own clocks, and no clock it lacks is named',
    (id) => {
      // Prepare
      const data = dataOf(id);
      const own = new Set(Object.values(data.clocks).map(lengthWords));

      // Act
      const words = pageWords(data, 'no clock');

      // Assess: a length of time on the page is a clock this association sets.
      const stated = [...words.matchAll(/\b\d+[ -](?:working )?(?:minute|hour|day|week|fortnight)s?\b(?! clock)/g)].map(
        (m) => m[0].replace('-', ' '),
      );
      for (const s of stated) expect(own, `${id} states "${s}"`).toContain(s);
      expect(words).not.toMatch(/fortnight/i);
      if (!data.clocks.regularContact) expect(words).not.toMatch(/regular contact clock|contact at least every/i);
      else expect(words).toContain(`contact at least every ${lengthWords(data.clocks.regularContact)}`);
      if (!data.clocks.holdingArea) expect(words).not.toMatch(/holding/i);
      else expect(words).toContain(`Holding period (${lengthWords(data.clocks.holdingArea)})`);
    },
  );

  it.each(ASSOCIATION_IDS)('%s: each running clock is named with the length its config sets', (id) => {
    // Prepare
    const data = dataOf(id);

    // Act
    const words = pageWords(data, 'every clock');

    // Assess
    for (const length of Object.values(data.clocks)) expect(words).toContain(`(${lengthWords(length)})`);
    expect(words).not.toMatch(/fortnight/i);
  });

  it('the associations differ: one has the regular contact clock, one the holding period, so both checks can fail', () => {
    // Prepare
    const data = ASSOCIATION_IDS.map(dataOf);

    // Act
    const regular = data.filter((d) => d.clocks.regularContact).map((d) => d.id);
    const holding = data.filter((d) => d.clocks.holdingArea).map((d) => d.id);

    // Assess
    expect(regular.length).toBeGreaterThan(0);
    expect(regular.length).toBeLessThan(data.length);
    expect(holding.length).toBeGreaterThan(0);
    expect(holding.length).toBeLessThan(data.length);
  });

  it('the case page modules state no clock length of their own ("fortnightly", "21-day", "24 hours"): lengths come from the data', () => {
    // Prepare
    const modules = readdirSync(JS).filter((f) => /^(case.*|labels|forms)\.mjs$/.test(f));

    // Act
    const found = modules.flatMap((f) =>
      readFileSync(join(JS, f), 'utf8')
        .split('\n')
        .filter((line) => /fortnight|\b\d+[ -](?:working )?(?:minute|hour|day)s?\b(?! clock)/i.test(line))
        .map((line) => `${f}: ${line.trim()}`),
    );

    // Assess
    expect(modules.length).toBeGreaterThan(5);
    expect(found).toEqual([]);
  });
});

describe('the repeat-MARAC warning says something true (002 §6, SafeLives)', () => {
  const me = { sub: 'officer-1', seesAllCases: false };
  const withMarac = (status: string, flags: Record<string, boolean>) => {
    const data = dataOf('connect-housing');
    const view = openCase(data, 'no clock');
    view.flags = flags as typeof view.flags;
    view.requiredActions = [{ ...view.requiredActions[0], status } as (typeof view.requiredActions)[number]];
    return casePage({ view, data, me, revealed: false, offset: 0, now: NOW }).value;
  };
  // Right after the case's own first referral core says a new one would repeat it, and none was a repeat.
  const afterFirst = { repeatMarac: false, maracWouldRepeat: true };

  it("right after the case's own first referral (the referral done) it says nothing of a repeat", () => {
    // Prepare and Act
    const page = withMarac('done', afterFirst);

    // Assess
    expect(page).not.toMatch(/repeat/i);
  });

  it('while another MARAC referral is due it says that referral is a repeat, over the window core sets', () => {
    // Prepare and Act
    const page = withMarac('open', afterFirst);

    // Assess
    expect(page).toContain(
      'A MARAC referral was made for this victim or home in the last 12 months: the referral now required is a repeat referral.',
    );
  });

  it('a referral that was a repeat of an earlier one for the victim or home says so', () => {
    // Prepare and Act
    const page = withMarac('done', { repeatMarac: true, maracWouldRepeat: true });

    // Assess
    expect(page).toContain(
      'Repeat MARAC referral: a referral on this case was made within 12 months of an earlier one',
    );
  });
});

describe('refusals name no raw ids (issue 13)', () => {
  it("an override's refusal names the duty and the bases by their labels", () => {
    // Prepare: the API's words for an override basis the duty does not allow (core/consent.ts)
    const problem = 'is not allowed for marac-referral; allowed: safeguarding-concern, marac-threshold';

    // Act
    const words = idsInWords(problem);

    // Assess
    expect(words).toBe(
      'is not allowed for “MARAC referral”; allowed: “an overriding safeguarding concern”, “the MARAC threshold is met”',
    );
    expect(words).not.toMatch(/\b[a-z]+-[a-z]+\b/);
  });

  it('the consent still needed reads as a sentence: "an override on one of: “a legal request”"', () => {
    // Prepare: core/consent.ts's words for the safety plan's consent
    const missing = "the victim's consent, or an override on one of: legal-request";

    // Act
    const words = idsInWords(missing);

    // Assess
    expect(words).toBe("the victim's consent, or an override on one of: “a legal request”");
  });

  it('words that are not ids are left alone', () => {
    // Prepare
    const problem = 'must not be before the report was received';

    // Act
    const words = idsInWords(problem);

    // Assess
    expect(words).toBe(problem);
  });
});

describe('the staff-safety marker on the home shows on every case there (002 §6)', () => {
  it('an active marker set by another case shows as a warning linking to it, never with the home key', () => {
    // Prepare
    const data = dataOf('connect-housing');
    const home = { kind: 'address', key: 'HOME-KEY-NEVER-SHOWN' };
    const marker = { kind: 'staff-safety', setBy: 'officer-2', home };
    const view = Object.assign(openCase(data, 'no clock'), {
      markers: [
        { ...marker, active: true, setAt: '2026-11-01T10:00:00.000Z', sourceCaseId: 'case-0' },
        { ...marker, active: false, setAt: '2026-10-01T10:00:00.000Z' },
      ],
    });
    const me = { sub: 'officer-1', seesAllCases: false };

    // Act
    const page = casePage({ view, data, me, revealed: false, offset: 0, now: NOW }).value;

    // Assess
    expect(page.match(/Staff safety marker on this home/g)).toHaveLength(1);
    expect(page).toContain('href="case.html?id=case-0"');
    expect(page).not.toContain('HOME-KEY-NEVER-SHOWN');
  });

  it('000: a marker set by a case the reader may not open (the API left its id out) says so, with no link', () => {
    // Prepare
    const data = dataOf('connect-housing');
    const marker = { kind: 'staff-safety', setBy: 'officer-2', active: true, setAt: '2026-11-01T10:00:00.000Z' };
    const view = Object.assign(openCase(data, 'no clock'), { markers: [{ ...marker, sourceCaseHidden: true }] });
    const me = { sub: 'officer-1', seesAllCases: false };

    // Act
    const page = casePage({ view, data, me, revealed: false, offset: 0, now: NOW }).value;

    // Assess
    expect(page).toMatch(/Staff safety marker on this home[\s\S]*?It was set by a linked case you cannot open\./);
    expect(page).not.toContain('See the case that set it');
  });
});

describe("the MARAC route is core's (view.maracRoute), never recomputed by the console (002 §6, 004 §7.4.4)", () => {
  const me = { sub: 'officer-1', seesAllCases: false };
  const pageWith = (maracRoute: unknown) => {
    const data = dataOf('connect-housing');
    const view = { ...openCase(data, 'no clock'), maracRoute };
    return casePage({ view, data, me, revealed: false, offset: 0, now: NOW }).value;
  };
  const routeOf = (page: string) =>
    /<div class="govuk-inset-text" id="marac-route">[\s\S]*?<\/div>/.exec(page)?.[0] ?? '';

  it('renders the route core sent: its name, words, links, who represents us, notes and each contact', () => {
    // Prepare and Act: a route only core knows (no console data names it).
    const route = routeOf(
      pageWith({
        area: { id: 'kirklees', name: 'Kirklees' },
        name: 'Kirklees MARAC',
        how: 'online-form',
        words: "Refer using the MARAC's online referral form.",
        url: 'https://marac.example/refer',
        dashFormUrl: 'https://marac.example/dash.pdf',
        email: 'marac@example.gov.uk',
        representedBy: 'the safeguarding lead',
        notes: 'Check with NKWR first.',
        contacts: [{ name: 'NKWR', phone: '01924 123 456', hours: 'Mon–Fri 9–5' }, { name: 'Police' }],
      }),
    );

    // Assess
    expect(route).toContain('How to refer: Kirklees MARAC');
    expect(route).toContain('Refer using the MARAC');
    expect(route).toContain('href="https://marac.example/refer"');
    expect(route).toMatch(/href="https:\/\/marac.example\/dash.pdf"[^>]*>DASH form/);
    expect(route).toContain('href="mailto:marac@example.gov.uk"');
    expect(route).toContain('Represented at MARAC by the safeguarding lead.');
    expect(route).toContain('Check with NKWR first.');
    expect(route).toMatch(/NKWR: <a class="govuk-link" href="tel:01924123456">01924 123 456<\/a> \(Mon–Fri 9–5\)/);
    expect(route).toContain('<li>Police</li>');
  });

  it("with no area known it gives core's words only, with a link to the facts form", () => {
    // Prepare and Act
    const route = routeOf(
      pageWith({ area: null, words: "Record the victim's area to see how to refer to its MARAC.", contacts: [] }),
    );

    // Assess
    expect(route).toContain('to see how to refer to its MARAC.');
    expect(route).toContain('href="#facts-form"');
    expect(route).not.toContain('How to refer:');
  });

  it('with no route (no referral required) there is no MARAC route at all', () => {
    // Prepare and Act
    const page = pageWith(null);

    // Assess
    expect(page).not.toContain('id="marac-route"');
  });
});

/**
 * The case page's linked cases (000, 004 §10): a linked case the API restricted reads as "a linked
 * case exists" with whom to ask, and nothing of the case; one the reader may open has its summary and
 * a link; each sight of a linked case reads in words on that case's timeline.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../web/console/build-data.js';
import { casePage } from '../../web/console/js/case-page.mjs';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const data = JSON.parse(readFileSync(dataFile('connect-housing'), 'utf8'));
const me = { sub: 'officer-l', seesAllCases: false };

/** An open case whose view lists `linkedCases` and `timeline` as the API gives them. */
const page = (linkedCases: unknown[], timeline: unknown[] = []) =>
  casePage({
    view: {
      caseId: 'case-leeds-1',
      reference: 'CH-AAAA-BBBB',
      status: 'open',
      reportedAt: new Date(NOW - 3_600_000).toISOString(),
      immediateDanger: null,
      detailsShown: false,
      hidden: [],
      facts: { area: 'leeds', risk: 'standard' },
      report: { reporterKind: 'victim', abuseTypes: ['physical'], safeContact: {} },
      clocks: [],
      requiredActions: [],
      holdingPauses: [],
      contacts: [],
      contactPlanVersions: [],
      timeline,
      flags: {},
      linkedCases,
    },
    data,
    me,
    revealed: false,
    offset: 0,
    now: NOW,
  }).value;
/** The linked-cases list of a page, tags dropped. */
const linkedWords = (html: string) =>
  (/<ul[^>]*id="linked-cases"[^>]*>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('000, 004 §10: linked cases on the case page', () => {
  it('000: a restricted linked case reads as "a linked case exists", managed by the team, with its officer, and nothing more', () => {
    // Prepare
    const restricted = {
      restricted: true,
      managedBy: { title: 'Community Housing Officer', mailbox: 'team@example.org', officerEmail: 'k@example.org' },
    };

    // Act
    const html = page([restricted]);

    // Assess
    expect(linkedWords(html)).toBe(
      'A linked case exists that you cannot open. It is managed by Community Housing Officer ( team@example.org ); its officer is k@example.org . Ask them if you need to know more.',
    );
    expect(html).toContain('href="mailto:team@example.org"');
    expect(/<ul[^>]*id="linked-cases"[\s\S]*?<\/ul>/.exec(html)?.[0]).not.toContain('case.html');
  });

  it('000: a linked case the reader may open shows its reference as a link, status, risk, abuse types, next due and what links it', () => {
    // Prepare
    const full = {
      restricted: false,
      caseId: 'case-kirklees-1',
      reference: 'CH-CCCC-DDDD',
      status: 'open',
      risk: 'high',
      abuseTypes: ['physical', 'coercive-control'],
      nextDueAt: '2026-11-26T10:00:00Z',
      matchedOn: ['address', 'person'],
    };

    // Act
    const html = page([full]);

    // Assess
    expect(html).toContain('href="case.html?id=case-kirklees-1"');
    expect(linkedWords(html)).toBe(
      'CH-CCCC-DDDD Open, High risk, Physical, Coercive control; next due Thu, 26 Nov 2026, 10:00 Linked by the same address and the same person',
    );
  });

  it('000: with no linked case the page says so, and each sight of this case from another reads in words on its timeline', () => {
    // Prepare
    const sight = {
      type: 'linked-case-viewed',
      at: new Date(NOW).toISOString(),
      actor: { sub: 'officer-k', role: 'officer' },
      details: { fromCaseId: 'case-kirklees-1', restricted: true },
    };

    // Act
    const html = page([], [sight]);

    // Assess
    expect(html).toContain('No other case of this person or home.');
    expect(html).toMatch(
      /data-event="linked-case-viewed"[\s\S]*?Seen as a linked case from another case[\s\S]*?only that it exists was shown/,
    );
  });

  it('000: a sight from a case the reader may not open (the API left its id out) says so on the timeline, naming no case', () => {
    // Prepare
    const sight = {
      type: 'linked-case-viewed',
      at: new Date(NOW).toISOString(),
      actor: { sub: 'officer-k', role: 'officer' },
      details: { restricted: false, fromCaseHidden: true },
    };

    // Act
    const html = page([], [sight]);

    // Assess
    expect(html).toMatch(/data-event="linked-case-viewed"[\s\S]*?its summary was shown, from a case you cannot open/);
  });
});

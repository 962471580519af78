/**
 * Changing an answer others depend on, through the pages as a browser without JavaScript posts them:
 * a new "who it is about" clears every answer given of "you" or "them" and walks the journey again
 * (a reporter's "do not contact me" never becomes the victim's no-contact); a new safe way clears its
 * safety answers and asks them again. Nothing is stored that the path did not ask.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/report-form/handler.js';
import { apiEvent, call, type Harness, startHarness } from './harness.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The step a page asks, and the hidden fields its own form (not Back's) posts. */
function formOf(html: string): { step: string; hidden: [string, string][] } {
  const start = html.indexOf('<input type="hidden" name="step"');
  const form = html.slice(start, html.indexOf('</form>', start));
  const hidden = [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
    (m) => [m[1] as string, decode(m[2] as string)] as [string, string],
  );
  return { step: hidden.find(([n]) => n === 'step')?.[1] ?? '', hidden };
}

/** What a page posts beyond its hidden fields, as a browser would: checked radios and checkboxes, filled boxes. */
function shownPairs(html: string): [string, string][] {
  const pairs: [string, string][] = [];
  const attr = (tag: string, name: string) => decode(new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1] ?? '');
  for (const m of html.matchAll(/<input class="govuk-(?:radios|checkboxes)__input"[^>]*>/g))
    if (m[0].includes(' checked')) pairs.push([attr(m[0], 'name'), attr(m[0], 'value')]);
  for (const m of html.matchAll(/<input class="govuk-input[^"]*"[^>]*>/g))
    if (attr(m[0], 'value')) pairs.push([attr(m[0], 'name'), attr(m[0], 'value')]);
  for (const m of html.matchAll(/<textarea[^>]* name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
    if (m[2]) pairs.push([m[1] as string, decode(m[2])]);
  for (const m of html.matchAll(/<select[^>]* name="([^"]+)"[^>]*>(.*?)<\/select>/g)) {
    const chosen = /<option value="([^"]*)" selected>/.exec(m[2] ?? '')?.[1];
    if (chosen) pairs.push([m[1] as string, decode(chosen)]);
  }
  return pairs;
}
const shownAnswers = (html: string): Record<string, string> => Object.fromEntries(shownPairs(html));

type Page = { status: number; raw: string; step: string };

/** Posts `page`'s own form with `answers` (its hidden fields kept, a list field's values appended). */
async function answer(page: Page, answers: [string, string][] = []): Promise<Page> {
  const answered = new Set(answers.map(([k]) => k));
  const body = new URLSearchParams([
    ...formOf(page.raw).hidden,
    ...shownPairs(page.raw).filter(([k]) => !answered.has(k)),
    ...answers,
  ]);
  return post(body);
}

async function post(body: URLSearchParams): Promise<Page> {
  const res = await call(
    createHandler(h.deps),
    apiEvent('POST', '/report', { rawBody: body.toString(), headers: FORM }),
  );
  return { status: res.status, raw: res.raw, step: formOf(res.raw).step };
}

/** Answers each page in turn (the answers of its step, nothing for a step not listed) until the check; the steps seen. */
async function walk(from: Page, answers: Record<string, [string, string][]>) {
  const seen: string[] = [];
  const shown: Record<string, Record<string, string>> = {};
  let page = from;
  while (page.step !== 'check' && seen.length < 20) {
    expect(page.status, `the ${page.step} page`).toBe(200);
    seen.push(page.step);
    shown[page.step] = shownAnswers(page.raw);
    page = await answer(page, answers[page.step] ?? []);
  }
  return { seen, shown, check: page };
}

const reportOf = async (sent: Page) => {
  const reference = /<strong>(HV-[0-9A-Z]{4}-[0-9A-Z]{4})<\/strong>/.exec(sent.raw)?.[1] ?? '';
  const found = await h.cases.findCaseByReference(reference);
  return (await h.cases.getCase(found?.caseId ?? '', 'system')).report;
};

/** The last step's post of a victim's own report (answered with "Check your answers"): about me, with `contact`. */
function checkPost(token: string, contact: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams({
    step: 'household',
    formToken: token,
    immediateDanger: 'no',
    about: 'me',
    livesInAssociationHome: 'yes',
    narrative: 'He took my keys.',
    personName: 'Alex Doe',
    language: 'Polish',
  });
  for (const [k, v] of Object.entries(contact)) for (const one of [v].flat()) body.append(k, one);
  return body;
}

describe('Change of who the report is about', () => {
  it('"about me, do not contact me", then Change to someone else: every answer of "you" is asked again, the reporter\'s own contact too', async () => {
    // Prepare: the check page of a victim's report that says "Do not contact me".
    const check = await post(checkPost('form-token-about-change-01', { contactMethod: 'none' }));
    expect(check.step).toBe('check');

    // Act: Change "who it is about", answer "someone else", then every page as it comes.
    const about = await post(new URLSearchParams([...formOf(check.raw).hidden, ['goto', 'about']]));
    const relation = await answer(about, [['about', 'someone-else']]);
    const {
      seen,
      shown,
      check: again,
    } = await walk(relation, {
      relation: [['reporterKind', 'third-party']],
      home: [['livesInAssociationHome', 'not-sure']],
      contact: [['contactMethod', 'unknown']],
      'reporter-contact': [['reporterContact', 'none']],
    });
    const sent = await answer(again);

    // Assess: the whole journey after "about" again, nothing of "you" carried to "them".
    expect(seen).toEqual([
      'relation',
      'home',
      'narrative',
      'contact',
      'reporter-contact',
      'abuse',
      'person',
      'household',
    ]);
    expect(shown.narrative?.narrative, 'what happened is kept').toBe('He took my keys.');
    expect(again.raw).toContain('He took my keys.');
    expect(shown.contact?.contactMethod, 'the victim\'s "do not contact me" is not an answer for them').toBeUndefined();
    expect(shown.home?.livesInAssociationHome).toBeUndefined();
    expect(shown.person?.personName, 'the name given as "your name" is not theirs').toBeUndefined();
    expect(shown.household?.language).toBeUndefined();
    const report = await reportOf(sent);
    expect(report.reporterKind).toBe('third-party');
    expect(report.safeContact.noContact, "a reporter's wish is never the victim's no-contact").toBe(false);
    expect(report.safeContact.method).toBeUndefined();
    expect(report.reporter.contact).toEqual({ method: 'none' });
    expect(report.person.name).toBeUndefined();
    expect(report.needs.language).toBeUndefined();
  });

  it('Change that keeps the same answer comes straight back to the check with every answer', async () => {
    // Prepare
    const check = await post(checkPost('form-token-about-same-0001', { contactMethod: 'none' }));

    // Act
    const about = await post(new URLSearchParams([...formOf(check.raw).hidden, ['goto', 'about']]));
    const back = await answer(about, [['about', 'me']]);

    // Assess
    expect(back.step).toBe('check');
    expect(back.raw).toContain('Alex Doe');
    expect(back.raw).toContain('We will not contact you.');
  });

  it('Back to "about" and a new answer there clears the same answers (not only Change)', async () => {
    // Prepare: the contact page of a victim who answered "Do not contact me", then Back twice to "about".
    const body = checkPost('form-token-about-back-0001', { contactMethod: 'none' });
    body.set('step', 'contact');
    body.append('goto', 'about');
    const about = await post(body);

    // Act
    const next = await answer(about, [['about', 'someone-else']]);
    const { shown } = await walk(next, {
      relation: [['reporterKind', 'anonymous']],
      home: [['livesInAssociationHome', 'yes']],
      contact: [['contactMethod', 'unknown']],
    });

    // Assess
    expect(shown.contact?.contactMethod).toBeUndefined();
    expect(shown.person?.personName).toBeUndefined();
  });
});

describe('Change of the safe way', () => {
  it('phone with safe times, voicemail and a code word, changed to a letter: its safety is asked again, empty', async () => {
    // Prepare
    const check = await post(
      checkPost('form-token-way-change-0001', {
        contactMethod: 'phone',
        contactPhone: '07700 900 982',
        safeTimes: 'weekday-evenings',
        voicemailSafe: 'yes',
        mayIdentifyUs: 'yes',
        codeWord: 'bluebird',
      }),
    );
    expect(check.raw).toContain('Code word: bluebird');

    // Act
    const contact = await post(new URLSearchParams([...formOf(check.raw).hidden, ['goto', 'contact']]));
    const safety = await answer(contact, [['contactMethod', 'letter']]);
    const shown = shownAnswers(safety.raw);
    const back = await answer(safety, [['personAddress', '1 Safe Street, Manchester']]);
    const report = await reportOf(await answer(back));

    // Assess
    expect(safety.step).toBe('safety');
    expect(shown).toEqual({});
    expect(back.step).toBe('check');
    expect(back.raw).not.toContain('bluebird');
    expect(report.safeContact).toMatchObject({ method: 'letter', windows: [], mayIdentifyUs: false });
    expect(report.safeContact.codeWord).toBeUndefined();
    expect(report.person.address).toBe('1 Safe Street, Manchester');
  });

  it("a new way shown again with an error (no email yet) still clears the old way's safety once it is answered", async () => {
    // Prepare
    const check = await post(
      checkPost('form-token-way-error-0001', {
        contactMethod: 'phone',
        contactPhone: '07700 900 982',
        codeWord: 'bluebird',
      }),
    );
    const contact = await post(new URLSearchParams([...formOf(check.raw).hidden, ['goto', 'contact']]));

    // Act
    const refused = await answer(contact, [['contactMethod', 'email']]);
    const safety = await answer(refused, [
      ['contactMethod', 'email'],
      ['contactEmail', 'safe@example.org'],
    ]);

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.step).toBe('contact');
    expect(safety.step).toBe('safety');
    expect(shownAnswers(safety.raw).codeWord).toBeUndefined();
  });

  it('the same way again keeps its safety answers', async () => {
    // Prepare
    const check = await post(
      checkPost('form-token-way-same-00001', {
        contactMethod: 'phone',
        contactPhone: '07700 900 982',
        codeWord: 'bluebird',
      }),
    );

    // Act
    const contact = await post(new URLSearchParams([...formOf(check.raw).hidden, ['goto', 'contact']]));
    const safety = await answer(contact, [['contactMethod', 'phone']]);

    // Assess
    expect(safety.step).toBe('safety');
    expect(shownAnswers(safety.raw).codeWord).toBe('bluebird');
  });
});

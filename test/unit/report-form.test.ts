/**
 * The public form, honest and short: one thing per page, the required questions first (the same ones
 * parseReportForm requires) and every other one saying "(optional)"; who the report is about first,
 * with the reporter's own contact apart from the victim's; the association's name never after an
 * article; one area recorded without asking; a check-answers step that echoes the safe way back in
 * words; the confirmation says by when and whom to call; every page has the association's neutral title.
 */
import { describe, expect, it } from 'vitest';
import { ASSOCIATION_IDS, getAssociation } from '../../config/index.js';
import { adviceFor, meanwhileContacts } from '../../functions/core/advice.js';
import { ABUSE_TYPES, type Report } from '../../functions/core/report.js';
import { parseReportForm } from '../../functions/core/report-form.js';
import { type FormFields, REQUIRED_QUESTIONS } from '../../functions/core/report-form-fields.js';
import {
  nextStep,
  previousStep,
  type Step,
  stepErrors,
  stepsFor,
  withChangedAnswer,
} from '../../functions/core/report-form-steps.js';
import { londonWhenInWords } from '../../functions/core/when-words.js';
import { victimContactWords } from '../../functions/report-form/answers.js';
import { type Confirmation, donePage } from '../../functions/report-form/done-page.js';
import { formSite } from '../../functions/report-form/flow.js';
import { layout } from '../../functions/report-form/layout.js';
import { stepQuestions } from '../../functions/report-form/steps.js';

/** The answers parseReportForm cannot do without, and nothing else: a victim's own report. */
const ME: Record<string, string> = {
  immediateDanger: 'no',
  about: 'me',
  livesInAssociationHome: 'yes',
  narrative: 'He shouted at me.',
  contactMethod: 'none',
};
/** The same for a report about someone else. */
const NEIGHBOUR: Record<string, string> = {
  ...ME,
  about: 'someone-else',
  reporterKind: 'third-party',
  contactMethod: 'unknown',
};
const WREKIN = { associationId: 'wrekin' };

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** The questions on a page, in order: each legend, and each text box's label (not a radio's or checkbox's, nor a revealed number). */
function questionsOf(html: string): string[] {
  const found: { at: number; text: string }[] = [];
  for (const m of html.matchAll(/<legend[^>]*>(.*?)<\/legend>/g))
    found.push({ at: m.index, text: textOf(m[1] ?? '').trim() });
  for (const m of html.matchAll(/<label class="govuk-label(?: govuk-label--l)?" for="([^"]+)">(.*?)<\/label>/g))
    if (!/^(contact|reporter)(Phone|TextPhone|Email)$/.test(m[1] ?? ''))
      found.push({ at: m.index, text: textOf(m[2] ?? '').trim() });
  return found.sort((a, b) => a.at - b.at).map((q) => q.text);
}

const site = (id: string) => formSite(getAssociation(id));
const questions = (id: string, step: Exclude<Step, 'check'>, fields: FormFields) =>
  stepQuestions(step, { associationName: getAssociation(id).name, areas: site(id).areas, fields, errors: [] });
const parsed = (fields: FormFields) => {
  const result = parseReportForm(fields, WREKIN);
  if (!result.ok) throw new Error(`not a report: ${JSON.stringify(result.errors)}`);
  return result.report;
};
const confirmation = (over: Partial<Confirmation> = {}): Confirmation => ({
  reference: 'HV-TEST-0001',
  about: 'victim',
  livesInAssociationHome: 'yes',
  victimContact: 'way',
  meanwhile: meanwhileContacts(getAssociation('wrekin')),
  ...over,
});

describe('the form is honest about what it needs', () => {
  it.each([
    ['about me', ME],
    ['about someone else', NEIGHBOUR],
  ])('only the required questions are required: their answers alone are a report (%s)', (_, fields) => {
    // Act
    const result = parseReportForm(fields, WREKIN);

    // Assess
    expect(result.ok).toBe(true);
  });

  it.each(REQUIRED_QUESTIONS)('%s is required: a report without it is refused naming it', (question) => {
    // Prepare
    const { [question]: _left, ...fields } = NEIGHBOUR;

    // Act
    const result = parseReportForm(fields, WREKIN);

    // Assess
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual([question]);
  });

  it('the required questions are asked first: every step after them is optional and its questions say "(optional)"', () => {
    // Prepare
    const fields = { ...NEIGHBOUR, contactMethod: 'phone', contactPhone: '07700 900 982' };
    const steps = stepsFor(fields).filter((s): s is Exclude<Step, 'check'> => s !== 'check');
    const requiredSteps = ['danger', 'about', 'relation', 'home', 'narrative', 'contact'];

    // Act
    const pages = steps.map((s) => ({ s, asked: questionsOf(questions('wrekin', s, fields)) }));

    // Assess
    expect(steps.slice(0, requiredSteps.length)).toEqual(requiredSteps);
    for (const { s, asked } of pages.slice(0, requiredSteps.length)) expect(asked[0], s).not.toContain('(optional)');
    for (const { s, asked } of pages.slice(requiredSteps.length))
      for (const q of asked) expect(q, s).toContain('(optional)');
    expect(textOf(questions('wrekin', 'about', fields))).toContain('The next few questions must be answered');
  });

  it('each step checks only its own questions: the narrative page does not complain of the contact question to come', () => {
    // Prepare
    const { contactMethod: _c, narrative: _n, ...fields } = ME;

    // Act
    const narrative = stepErrors('narrative', fields, WREKIN);
    const home = stepErrors('home', fields, WREKIN);

    // Assess
    expect(narrative.map((e) => e.field)).toEqual(['narrative']);
    expect(home).toEqual([]);
  });
});

describe('who the report is about (the first question after "in danger now")', () => {
  it('"about me" skips who they are and the reporter\'s own contact; "someone else" asks both', () => {
    // Act
    const me = stepsFor(ME);
    const other = stepsFor(NEIGHBOUR);

    // Assess
    expect(me.slice(0, 3)).toEqual(['danger', 'about', 'home']);
    expect(me).not.toContain('reporter-contact');
    expect(other.slice(0, 4)).toEqual(['danger', 'about', 'relation', 'home']);
    expect(other).toContain('reporter-contact');
  });

  it('"do not contact me" from a neighbour is the reporter\'s own wish: the victim\'s safe contact is not "no contact"', () => {
    // Act
    const report = parsed({
      ...NEIGHBOUR,
      contactMethod: 'phone',
      contactPhone: '07700 900 555',
      reporterContact: 'none',
    });

    // Assess
    expect(report.reporter.contact).toEqual({ method: 'none' });
    expect(report.safeContact).toMatchObject({ noContact: false, method: 'phone', phone: '07700 900 555' });
  });

  it("the reporter's own phone is never the victim's safe phone", () => {
    // Act
    const report = parsed({ ...NEIGHBOUR, reporterContact: 'phone', reporterPhone: '07700 900 111' });

    // Assess
    expect(report.reporter.contact).toEqual({ method: 'phone', phone: '07700 900 111' });
    expect(report.safeContact.phone).toBeUndefined();
    expect(report.safeContact.method).toBeUndefined();
  });

  it('"they must not be contacted directly" is no contact; "I don\'t know" is no safe way known (neither method nor no contact)', () => {
    // Act
    const none = parsed({ ...NEIGHBOUR, contactMethod: 'none' });
    const unknown = parsed(NEIGHBOUR);

    // Assess
    expect(none.safeContact.noContact).toBe(true);
    expect(unknown.safeContact).toMatchObject({ noContact: false });
    expect(unknown.safeContact.method).toBeUndefined();
  });

  it('"through me" needs the reporter\'s own contact, asked on the reporter\'s step', () => {
    // Act
    const refused = parseReportForm(
      { ...NEIGHBOUR, contactMethod: 'through-reporter', reporterContact: 'none' },
      WREKIN,
    );
    const accepted = parsed({
      ...NEIGHBOUR,
      contactMethod: 'through-reporter',
      reporterContact: 'email',
      reporterEmail: 'n@example.org',
    });

    // Assess
    expect(refused.ok ? [] : refused.errors.map((e) => e.field)).toEqual(['reporterContact']);
    expect(accepted.safeContact.method).toBe('through-reporter');
  });

  it('a victim cannot choose "through me" or "I don\'t know": those are a reporter\'s answers', () => {
    // Act
    const result = parseReportForm({ ...ME, contactMethod: 'through-reporter' }, WREKIN);

    // Assess
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['contactMethod']);
  });

  it('004 §7.3: safe times are ContactWindows (London); voicemail only for a call; nothing of safety without a direct way', () => {
    // Act
    const call = parsed({
      ...ME,
      contactMethod: 'phone',
      contactPhone: '07700 900 982',
      safeTimes: ['weekday-evenings'],
      voicemailSafe: 'yes',
      mayBeWatched: 'yes',
    });
    const none = parsed({ ...ME, safeTimes: ['weekends'], mayIdentifyUs: 'yes' });

    // Assess
    expect(call.safeContact).toMatchObject({
      windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '17:00', to: '21:00' }],
      voicemailSafe: true,
      mayBeWatched: true,
      mayIdentifyUs: false,
    });
    expect(none.safeContact).toMatchObject({ noContact: true, windows: [], mayIdentifyUs: false });
  });
});

describe('only what the path asked is stored', () => {
  const SAFETY = {
    safeTimes: ['weekends'],
    voicemailSafe: 'yes',
    mayIdentifyUs: 'yes',
    mayBeWatched: 'yes',
    codeWord: 'bluebird',
  };

  it.each(['unknown', 'through-reporter', 'none'])(
    'safety answers left from an earlier way are not kept once the way is "%s" (no safety step, none on the check page)',
    (way) => {
      // Prepare
      const fields = {
        ...NEIGHBOUR,
        ...SAFETY,
        contactMethod: way,
        reporterContact: 'phone',
        reporterPhone: '07700 900 111',
      };

      // Act
      const report = parsed(fields);

      // Assess
      expect(stepsFor(fields)).not.toContain('safety');
      expect(report.safeContact).toMatchObject({
        windows: [],
        voicemailSafe: false,
        mayIdentifyUs: false,
        mayBeWatched: false,
      });
      expect(report.safeContact.codeWord).toBeUndefined();
    },
  );

  it('a letter is not asked its safe times: times left from a call are not kept; its code word, asked, is', () => {
    // Act
    const report = parsed({ ...ME, ...SAFETY, contactMethod: 'letter', personAddress: '1 Safe Street' });

    // Assess
    expect(report.safeContact).toMatchObject({
      method: 'letter',
      windows: [],
      voicemailSafe: false,
      codeWord: 'bluebird',
    });
  });

  it('an answer the path does not ask cannot block the report either', () => {
    // Act
    const result = parseReportForm({ ...NEIGHBOUR, codeWord: 'two\nlines', safeTimes: ['never'] }, WREKIN);

    // Assess
    expect(result.ok).toBe(true);
  });
});

describe('the steps: Back, Change and the follow-up question', () => {
  it('Back goes to the step before; from a step opened by Change it goes back to the check', () => {
    // Act and Assess
    expect(previousStep('home', NEIGHBOUR)).toBe('relation');
    expect(previousStep('home', ME)).toBe('about');
    expect(previousStep('home', { ...ME, returnTo: 'check' })).toBe('check');
  });

  it('after Change, the answer returns to the check, unless it needs a follow-up (a new safe way asks its safety)', () => {
    // Prepare
    const changed = { ...ME, returnTo: 'check' };

    // Act and Assess
    expect(nextStep('narrative', changed, WREKIN)).toBe('check');
    expect(nextStep('contact', { ...changed, contactMethod: 'text', contactTextPhone: '07700 900 123' }, WREKIN)).toBe(
      'safety',
    );
    expect(nextStep('about', { ...changed, about: 'someone-else' }, WREKIN)).toBe('relation');
    expect(nextStep('narrative', ME, WREKIN)).toBe('contact');
  });
});

describe('an answer others depend on, changed: what depended on it is asked again, never carried over', () => {
  it('"about me, do not contact me" changed to someone else: the answers of "you" go and the journey is walked again from "about"', () => {
    // Prepare
    const posted = {
      ...ME,
      about: 'someone-else',
      answeredBefore: 'me',
      returnTo: 'check',
      personName: 'Alex Doe',
      language: 'Polish',
      abuseTypes: ['financial'],
    };

    // Act
    const answered = withChangedAnswer('about', posted);

    // Assess
    expect(answered).toEqual({
      immediateDanger: 'no',
      about: 'someone-else',
      narrative: 'He shouted at me.',
      abuseTypes: ['financial'],
    });
    expect(nextStep('about', answered, WREKIN)).toBe('relation');
    expect(stepsFor(answered)).toContain('reporter-contact');
  });

  it('the same answer, or a first one, changes nothing but the marker', () => {
    // Act
    const same = withChangedAnswer('about', { ...ME, answeredBefore: 'me', returnTo: 'check' });
    const first = withChangedAnswer('contact', { ...ME, answeredBefore: '', codeWord: 'bluebird' });
    const noMarker = withChangedAnswer('about', { ...ME, about: 'someone-else', contactMethod: 'none' });

    // Assess
    expect(same).toEqual({ ...ME, returnTo: 'check' });
    expect(first).toEqual({ ...ME, codeWord: 'bluebird' });
    expect(noMarker).toEqual({ ...ME, about: 'someone-else', contactMethod: 'none' });
  });

  it.each([
    ['phone', 'email', '1 Safe Street'],
    ['letter', 'phone', undefined],
    ['phone', 'letter', undefined],
    ['phone', 'text', '1 Safe Street'],
  ])('a new safe way (%s to %s) clears its safety answers; a letter also its address', (before, now, address) => {
    // Prepare
    const posted = {
      ...ME,
      contactMethod: now,
      answeredBefore: before,
      returnTo: 'check',
      safeTimes: ['weekends'],
      voicemailSafe: 'yes',
      mayIdentifyUs: 'yes',
      mayBeWatched: 'yes',
      codeWord: 'bluebird',
      personAddress: '1 Safe Street',
    };

    // Act
    const answered = withChangedAnswer('contact', posted);

    // Assess
    for (const gone of ['safeTimes', 'voicemailSafe', 'mayIdentifyUs', 'mayBeWatched', 'codeWord', 'answeredBefore'])
      expect(answered[gone], gone).toBeUndefined();
    expect(answered.personAddress).toBe(address);
    expect(answered.returnTo).toBe('check');
  });
});

describe('"Check your answers" echoes the safe way back in words', () => {
  it.each<[string, FormFields, string]>([
    [
      'a text on weekday mornings',
      { ...ME, contactMethod: 'text', contactTextPhone: '07700 900123', safeTimes: 'weekday-mornings' },
      'We will text 07700 900123 on weekday mornings (9am to midday).',
    ],
    [
      'a call with no voicemail',
      { ...ME, contactMethod: 'phone', contactPhone: '07700 900982', safeTimes: ['weekday-mornings', 'weekends'] },
      'We will call you on 07700 900982 on weekday mornings (9am to midday) or weekends (9am to 5pm). We will not leave a voicemail.',
    ],
    ['no contact at all', ME, 'We will not contact you.'],
    ['a neighbour who does not know', NEIGHBOUR, 'We will not contact them until we know a safe way.'],
  ])('%s', (_, fields, words) => {
    // Act
    const text = victimContactWords(parsed(fields) as Report);

    // Assess
    expect(text).toContain(words);
  });
});

describe("the association's name reads correctly in every sentence", () => {
  it.each(ASSOCIATION_IDS)(
    '%s: no article before the name on the home question, the confirmation or the advice',
    (id) => {
      // Prepare
      const config = getAssociation(id);
      const escaped = config.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const articleBefore = new RegExp(`\\b(a|an|the)\\s+${escaped}`, 'i');
      const advice = [true, false].flatMap((resident) =>
        adviceFor(config, { immediateDanger: false, resident }).whatHappensNext.join(' '),
      );

      // Act
      const texts = [
        textOf(questions(id, 'home', ME)),
        textOf(questions(id, 'home', NEIGHBOUR)),
        textOf(questions(id, 'relation', NEIGHBOUR)),
        textOf(questions(id, 'safety', { ...ME, contactMethod: 'email', contactEmail: 'a@example.org' })),
        textOf(donePage(site(id).ctx, confirmation({ meanwhile: meanwhileContacts(config) }))),
        ...advice,
      ];

      // Assess
      expect(texts.join(' ')).toContain(config.name);
      for (const text of texts) expect(text).not.toMatch(articleBefore);
    },
  );

  it('003: "Do you live in a home managed by The Wrekin Housing Group?", or "Does the person…" for someone else', () => {
    // Act
    const me = textOf(questions('wrekin', 'home', ME));
    const other = textOf(questions('wrekin', 'home', NEIGHBOUR));

    // Assess
    expect(me).toContain('Do you live in a home managed by The Wrekin Housing Group?');
    expect(other).toContain('Does the person experiencing abuse live in a home managed by The Wrekin Housing Group?');
    expect(me + other).not.toContain('a The');
  });
});

describe('the area: asked only when there is a choice', () => {
  it('004: One Manchester (one area) is not asked and the report records its area', () => {
    // Prepare
    const { areas } = site('one-manchester');

    // Act
    const result = parseReportForm(ME, { associationId: 'one-manchester', areaIds: areas.map((a) => a.id) });

    // Assess
    expect(areas).toHaveLength(1);
    expect(questions('one-manchester', 'home', ME)).not.toContain('name="area"');
    expect(result.ok && result.report.area).toBe(areas[0]?.id);
  });

  it('003: Wrekin (four areas) is asked; "Not sure" records no area, a listed one is kept', () => {
    // Prepare
    const areaIds = site('wrekin').areas.map((a) => a.id);

    // Act
    const notSure = parseReportForm({ ...ME, area: 'not-sure' }, { associationId: 'wrekin', areaIds });
    const chosen = parseReportForm({ ...ME, area: areaIds[1] }, { associationId: 'wrekin', areaIds });

    // Assess
    expect(questions('wrekin', 'home', ME)).toContain('name="area"');
    expect(notSure.ok && notSure.report.area).toBeUndefined();
    expect(chosen.ok && chosen.report.area).toBe(areaIds[1]);
  });

  it('an area the association does not have is refused, even where there is only one', () => {
    // Act
    const result = parseReportForm(
      { ...ME, area: 'elsewhere' },
      { associationId: 'one-manchester', areaIds: ['manchester'] },
    );

    // Assess
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['area']);
  });
});

describe('the type of abuse', () => {
  it('every type the schema knows is offered, optional, in plain words', () => {
    // Act
    const html = questions('wrekin', 'abuse', ME);

    // Assess
    for (const t of ABUSE_TYPES) expect(html).toContain(`name="abuseTypes" type="checkbox" value="${t}"`);
    expect(html).toContain('What kind of abuse is it? (optional)');
  });

  it('the types chosen are stored once each; none chosen is an empty list; an unknown one is refused', () => {
    // Prepare
    const fields = (abuseTypes: string[]): FormFields => ({ ...ME, abuseTypes });

    // Act
    const chosen = parseReportForm(fields(['physical', 'financial', 'physical']), WREKIN);
    const none = parseReportForm(ME, WREKIN);
    const unknown = parseReportForm(fields(['physical', 'spiritual']), WREKIN);

    // Assess
    expect(chosen.ok && chosen.report.abuseTypes).toEqual(['physical', 'financial']);
    expect(none.ok && none.report.abuseTypes).toEqual([]);
    expect(unknown.ok ? [] : unknown.errors).toEqual([
      { field: 'abuseTypes', href: '#abuseTypes', text: 'Select the type of abuse from the list' },
    ]);
  });
});

describe('the confirmation: by when, and whom to call meanwhile', () => {
  it.each(ASSOCIATION_IDS)(
    '%s: the 24-hour helpline, a line for men and one for LGBT+ victims, each with a number',
    (id) => {
      // Act
      const m = meanwhileContacts(getAssociation(id));

      // Assess
      expect(m.helpline).toMatchObject({ phone: '0808 2000 247', hours: '24 hours' });
      expect(m.men?.phone).toBe('0808 801 0327'); // never Connect's Respect line, which is also for perpetrators
      expect(m.lgbt?.phone).toBe('0800 999 5428');
    },
  );

  it("003: Wrekin's own number comes first; an association without one in config gives none", () => {
    // Act
    const wrekin = meanwhileContacts(getAssociation('wrekin'));
    const manchester = meanwhileContacts(getAssociation('one-manchester'));

    // Assess
    expect(wrekin.association).toEqual({ name: 'The Wrekin Housing Group', phone: '01952 217100' });
    expect(manchester.association).toBeUndefined();
  });

  it('the page: by when (a London date and time in words), the numbers as tap-to-call links, 999, text relay and 999 BSL', () => {
    // Act
    const html = donePage(
      site('wrekin').ctx,
      confirmation({ contactBy: '5pm on Wednesday 2 December 2026', contactWithin: '1 working day' }),
    );
    const text = textOf(html);

    // Assess
    expect(text).toContain(
      'in the way you said is safe by 5pm on Wednesday 2 December 2026 (within 1 working day of your report)',
    );
    for (const tel of ['tel:999"', 'tel:01952217100"', 'tel:08082000247"', 'tel:08088010327"', 'tel:08009995428"'])
      expect(html).toContain(`href="${tel}`);
    expect(text).toContain('18000');
    expect(text).toContain('999 BSL');
  });

  it('000: where the policy sets no first-contact clock it promises no time; "do not contact me" is not contacted', () => {
    // Act
    const noClock = textOf(
      donePage(site('housing-21').ctx, confirmation({ meanwhile: meanwhileContacts(getAssociation('housing-21')) })),
    );
    const noContact = textOf(
      donePage(
        site('wrekin').ctx,
        confirmation({ victimContact: 'none', contactBy: '5pm on Wednesday 2 December 2026' }),
      ),
    );

    // Assess
    expect(noClock).toContain('will contact you in the way you said is safe.');
    expect(noClock).not.toMatch(/within \d|safe by |\d(am|pm)\b/);
    expect(noContact).toContain('You asked us not to contact you, so we will not.');
    expect(noContact).not.toContain('5pm');
  });

  it.each([
    ['2026-12-02T17:00:00Z', '5pm on Wednesday 2 December 2026'],
    ['2026-07-01T11:00:00Z', 'midday on Wednesday 1 July 2026'], // BST: 11:00 UTC is midday in London
    ['2026-03-30T08:30:00Z', '9:30am on Monday 30 March 2026'], // the day after the clocks go forward
    ['2026-10-26T00:00:00Z', 'midnight on Monday 26 October 2026'], // the day after they go back: GMT again
  ])('London words for %s: %s', (instant, words) => {
    // Act and Assess
    expect(londonWhenInWords(new Date(instant))).toBe(words);
  });
});

describe('every page has the neutral title of its association (config publicForm.pageTitle)', () => {
  it.each(ASSOCIATION_IDS)('%s: the title bar never says what the visit is, even with an error', (id) => {
    // Prepare
    const config = getAssociation(id);

    // Act
    const plain = /<title>([^<]*)<\/title>/.exec(layout(site(id).ctx, { title: 'Check your answers', main: '' }))?.[1];
    const withError = /<title>([^<]*)<\/title>/.exec(
      layout(site(id).ctx, { title: 'x', hasErrors: true, main: '' }),
    )?.[1];

    // Assess
    expect(plain).toBe(config.publicForm?.pageTitle ?? `${config.name} - Contact us`);
    expect(withError).toBe(`Error: ${plain}`);
    expect(plain).not.toMatch(/abuse|report|SADA|danger|check/i);
  });

  it('without a configured title it is "<name> - Contact us"', () => {
    // Act
    const { ctx } = formSite({ ...getAssociation('wrekin'), publicForm: undefined } as never);

    // Assess
    expect(layout(ctx, { title: 'x', main: '' })).toContain('<title>The Wrekin Housing Group - Contact us</title>');
  });
});

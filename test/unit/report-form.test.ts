/**
 * The public form, honest and short: the required questions come first and the intro
 * names them (the same ones parseReportForm requires), the association's name never follows an
 * article, an association with one area records it without asking, the type of abuse is asked, and
 * the confirmation says by when and whom to call, from config.
 */
import { describe, expect, it } from 'vitest';
import { ASSOCIATION_IDS, getAssociation } from '../../config/index.js';
import { adviceFor, meanwhileContacts } from '../../functions/core/advice.js';
import { ABUSE_TYPES } from '../../functions/core/report.js';
import { type FormFields, parseReportForm, REQUIRED_QUESTIONS } from '../../functions/core/report-form.js';
import { donePage } from '../../functions/report-form/done-page.js';
import { formSite } from '../../functions/report-form/flow.js';
import { detailsPage } from '../../functions/report-form/pages.js';

/** The answers parseReportForm cannot do without, and nothing else. */
const REQUIRED_ONLY: Record<string, string> = {
  immediateDanger: 'no',
  reporterKind: 'victim',
  livesInAssociationHome: 'yes',
  narrative: 'He shouted at me.',
  contactMethod: 'none',
};

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** Each question on the page in order: its first input's name and its legend or label, not the conditional inputs. */
function questionsOf(html: string): { name: string; text: string }[] {
  const found: { at: number; name: string; text: string }[] = [];
  for (const m of html.matchAll(/<legend[^>]*>(.*?)<\/legend>/g)) {
    const next = /<input class="govuk-(?:radios|checkboxes)__input" id="([^"]+)"/.exec(html.slice(m.index));
    found.push({ at: m.index, name: next?.[1] ?? '?', text: textOf(m[1] ?? '').trim() });
  }
  for (const m of html.matchAll(/<label class="govuk-label(?: govuk-label--m)?" for="([^"]+)">(.*?)<\/label>/g))
    found.push({ at: m.index, name: m[1] ?? '?', text: textOf(m[2] ?? '').trim() });
  const conditional = ['contactPhone', 'contactTextPhone', 'contactEmail'];
  return found
    .sort((a, b) => a.at - b.at)
    .filter((q) => !conditional.includes(q.name))
    .map(({ name, text }) => ({ name, text }));
}

const site = (id: string) => formSite(getAssociation(id));
const details = (id: string) => detailsPage(site(id).ctx, { inDanger: false, token: 't', areas: site(id).areas });

describe('the details page is honest about what it needs', () => {
  it('only the required questions are required: the required answers alone are a report', () => {
    // Act
    const parsed = parseReportForm(REQUIRED_ONLY, { associationId: 'wrekin' });

    // Assess
    expect(parsed.ok).toBe(true);
  });

  it.each(REQUIRED_QUESTIONS)('%s is required: a post without it is refused naming it', (question) => {
    // Prepare
    const { [question]: _left, ...fields } = REQUIRED_ONLY;

    // Act
    const parsed = parseReportForm(fields, { associationId: 'wrekin' });

    // Assess
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.field)).toEqual([question]);
  });

  it('the error summary follows the page: a name too long comes before a letter with no address', () => {
    // Prepare
    const fields = { ...REQUIRED_ONLY, contactMethod: 'letter', personName: 'x'.repeat(5000) };

    // Act
    const parsed = parseReportForm(fields, { associationId: 'wrekin' });

    // Assess
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.field)).toEqual(['personName', 'personAddress']);
  });

  it.each(ASSOCIATION_IDS)(
    '%s: the required questions come first, in order; every other question says "(optional)"',
    (id) => {
      // Act
      const questions = questionsOf(details(id));

      // Assess
      expect(questions.slice(0, REQUIRED_QUESTIONS.length).map((q) => q.name)).toEqual([...REQUIRED_QUESTIONS]);
      for (const q of questions.slice(0, REQUIRED_QUESTIONS.length)) expect(q.text).not.toContain('(optional)');
      for (const q of questions.slice(REQUIRED_QUESTIONS.length)) expect(q.text, q.name).toContain('(optional)');
    },
  );

  it('the intro says how many questions are required and names each, before the form', () => {
    // Act
    const html = details('wrekin');
    const intro = textOf(html.slice(html.indexOf('<h1'), html.indexOf('<form')));

    // Assess
    expect(intro).toContain(`You need to answer the first ${REQUIRED_QUESTIONS.length} questions`);
    for (const words of ['who is making this report', 'one of our homes', 'what happened', 'contact you safely'])
      expect(intro).toContain(words);
    expect(intro).not.toContain('Only the first three questions');
  });
});

describe("the association's name reads correctly in every sentence", () => {
  it.each(ASSOCIATION_IDS)(
    '%s: no article before the name on the details page, the confirmation or the advice',
    (id) => {
      // Prepare
      const config = getAssociation(id);
      const escaped = config.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const articleBefore = new RegExp(`\\b(a|an|the)\\s+${escaped}`, 'i');
      const confirmation = donePage(site(id).ctx, {
        reference: 'HV-TEST-0001',
        contactWithin: '1 working day',
        meanwhile: meanwhileContacts(config),
      });
      const advice = [true, false].flatMap((resident) =>
        adviceFor(config, { immediateDanger: false, resident }).whatHappensNext.join(' '),
      );

      // Act
      const texts = [textOf(details(id)), textOf(confirmation), ...advice];

      // Assess
      expect(texts.join(' ')).toContain(config.name);
      for (const text of texts) expect(text).not.toMatch(articleBefore);
    },
  );

  it('003: Wrekin is asked about "a home managed by The Wrekin Housing Group", never "a The Wrekin"', () => {
    // Act
    const text = textOf(details('wrekin'));

    // Assess
    expect(text).toContain('Does the person experiencing abuse live in a home managed by The Wrekin Housing Group?');
    expect(text).not.toContain('a The');
  });
});

describe('the area: asked only when there is a choice', () => {
  it('004: One Manchester (one area) is not asked and the report records its area', () => {
    // Prepare
    const { areas } = site('one-manchester');

    // Act
    const parsed = parseReportForm(REQUIRED_ONLY, { associationId: 'one-manchester', areaIds: areas.map((a) => a.id) });

    // Assess
    expect(areas).toHaveLength(1);
    expect(details('one-manchester')).not.toContain('name="area"');
    expect(parsed.ok && parsed.report.area).toBe(areas[0]?.id);
  });

  it('003: Wrekin (four areas) is asked; "Not sure" records no area, a listed one is kept', () => {
    // Prepare
    const areaIds = site('wrekin').areas.map((a) => a.id);

    // Act
    const notSure = parseReportForm({ ...REQUIRED_ONLY, area: 'not-sure' }, { associationId: 'wrekin', areaIds });
    const chosen = parseReportForm({ ...REQUIRED_ONLY, area: areaIds[1] }, { associationId: 'wrekin', areaIds });

    // Assess
    expect(details('wrekin')).toContain('name="area"');
    expect(notSure.ok && notSure.report.area).toBeUndefined();
    expect(chosen.ok && chosen.report.area).toBe(areaIds[1]);
  });

  it('an area the association does not have is refused, even where there is only one', () => {
    // Act
    const parsed = parseReportForm(
      { ...REQUIRED_ONLY, area: 'elsewhere' },
      { associationId: 'one-manchester', areaIds: ['manchester'] },
    );

    // Assess
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.field)).toEqual(['area']);
  });
});

describe('the type of abuse', () => {
  it('every type the schema knows is offered, optional, in plain words', () => {
    // Act
    const html = details('wrekin');

    // Assess
    for (const t of ABUSE_TYPES) expect(html).toContain(`name="abuseTypes" type="checkbox" value="${t}"`);
    expect(html).toContain('What kind of abuse is it? (optional)');
  });

  it('the types chosen are stored once each; none chosen is an empty list; an unknown one is refused', () => {
    // Prepare
    const fields = (abuseTypes: string[]): FormFields => ({ ...REQUIRED_ONLY, abuseTypes });

    // Act
    const chosen = parseReportForm(fields(['physical', 'financial', 'physical']), { associationId: 'wrekin' });
    const none = parseReportForm(REQUIRED_ONLY, { associationId: 'wrekin' });
    const unknown = parseReportForm(fields(['physical', 'spiritual']), { associationId: 'wrekin' });

    // Assess
    expect(chosen.ok && chosen.report.abuseTypes).toEqual(['physical', 'financial']);
    expect(none.ok && none.report.abuseTypes).toEqual([]);
    expect(unknown.ok ? [] : unknown.errors).toEqual([
      { field: 'abuseTypes', href: '#abuseTypes', text: 'Select the type of abuse from the list' },
    ]);
  });
});

describe('the confirmation: how soon, and whom to call meanwhile', () => {
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

  it('the page: how soon (the clock in words, never a time), the numbers as tap-to-call links, 999, text relay and 999 BSL', () => {
    // Act
    const html = donePage(site('wrekin').ctx, {
      reference: 'HV-TEST-0001',
      contactWithin: '1 working day',
      meanwhile: meanwhileContacts(getAssociation('wrekin')),
    });
    const text = textOf(html);

    // Assess
    expect(text).toContain('in the way you said is safe within 1 working day of your report');
    expect(text).toContain('If you asked us not to contact you, we will not.');
    for (const tel of ['tel:999"', 'tel:01952217100"', 'tel:08082000247"', 'tel:08088010327"', 'tel:08009995428"'])
      expect(html).toContain(`href="${tel}`);
    expect(text).toContain('18000');
    expect(text).toContain('999 BSL');
  });

  it('000: where the policy sets no first-contact clock it promises no time', () => {
    // Act
    const text = textOf(
      donePage(site('housing-21').ctx, { meanwhile: meanwhileContacts(getAssociation('housing-21')) }),
    );

    // Assess
    expect(text).toContain('contact you in the way you said is safe, unless you asked us not to.');
    expect(text).not.toContain('within');
  });
});

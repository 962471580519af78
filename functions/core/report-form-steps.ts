/**
 * The public form as steps, one thing per page, that work without JavaScript: every answer so far
 * rides in hidden fields (no cookie, no storage, no server session), each post is checked only for
 * its own step's questions, and the whole report is checked again before it is sent. Required
 * questions come first (REQUIRED_QUESTIONS); the optional ones follow, then "Check your answers".
 */
import { parseReportForm } from './report-form.js';
import { aboutSomeoneElse, directContact, type FormError, type FormFields, fieldValue } from './report-form-fields.js';

export const STEPS = [
  'danger',
  'about',
  'relation',
  'home',
  'narrative',
  'contact',
  'safety',
  'reporter-contact',
  'abuse',
  'person',
  'household',
  'check',
] as const;
export type Step = (typeof STEPS)[number];

/** Whether `step` is asked, given the answers so far. */
function asked(step: Step, fields: FormFields): boolean {
  if (step === 'relation' || step === 'reporter-contact') return aboutSomeoneElse(fields);
  if (step === 'safety') return directContact(fields) !== undefined;
  return true;
}

/** The steps of this journey, in order, for the answers so far. */
export function stepsFor(fields: FormFields): Step[] {
  return STEPS.filter((s) => asked(s, fields));
}

/** Reads a posted step name; anything else is undefined. */
export function stepOf(value: string): Step | undefined {
  return (STEPS as readonly string[]).includes(value) ? (value as Step) : undefined;
}

/**
 * The fields a step's page shows (and posts); every other answer rides along hidden. The address is
 * asked with a letter's safety when a letter is the safe way, otherwise with the person's name.
 */
export function stepFields(step: Step, fields: FormFields): string[] {
  const letter = directContact(fields) === 'letter';
  switch (step) {
    case 'danger':
      return ['immediateDanger'];
    case 'about':
      return ['about'];
    case 'relation':
      return ['reporterKind'];
    case 'home':
      return ['livesInAssociationHome', 'area'];
    case 'narrative':
      return ['narrative'];
    case 'contact':
      return ['contactMethod', 'contactPhone', 'contactTextPhone', 'contactEmail'];
    case 'safety':
      return [
        'safeTimes',
        'voicemailSafe',
        'mayIdentifyUs',
        'mayBeWatched',
        'codeWord',
        ...(letter ? ['personAddress'] : []),
      ];
    case 'reporter-contact':
      return ['reporterName', 'reporterContact', 'reporterPhone', 'reporterEmail'];
    case 'abuse':
      return ['abuseTypes'];
    case 'person':
      return ['personName', ...(letter ? [] : ['personAddress'])];
    case 'household':
      return ['household', 'language', 'interpreter', 'sameGenderOfficer'];
    case 'check':
      return [];
  }
}

/** Every answer field of the form: only these are carried from page to page (anything else posted is dropped). */
export const ANSWER_FIELDS: ReadonlySet<string> = new Set(
  STEPS.flatMap((s) => [...stepFields(s, {}), ...stepFields(s, { contactMethod: 'letter' })]),
);

type Context = { associationId: string; areaIds?: readonly string[] };

/** The errors of the whole report, each with the step that asks its question, in the order asked. */
export function errorsByStep(fields: FormFields, ctx: Context): { step: Step; error: FormError }[] {
  const parsed = parseReportForm(fields, ctx);
  if (parsed.ok) return [];
  const steps = stepsFor(fields);
  return parsed.errors.map((error) => ({
    error,
    step: steps.find((s) => stepFields(s, fields).includes(error.field)) ?? 'danger',
  }));
}

/** A step's own errors: the questions on its page, never those of a page not yet reached. */
export function stepErrors(step: Step, fields: FormFields, ctx: Context): FormError[] {
  return errorsByStep(fields, ctx)
    .filter((e) => e.step === step)
    .map((e) => e.error);
}

/** The answer on a step's page that others depend on for their meaning ("you" or "them", the safe way's safety). */
const KEY_ANSWERS: Partial<Record<Step, string>> = { about: 'about', contact: 'contactMethod' };

/** The hidden field that carries the key answer a step's page was shown with, so its post can tell a change. */
export const ANSWERED_BEFORE = 'answeredBefore';

/**
 * The key answer to carry on `step`'s page, or undefined when the step has none: the one first shown
 * (a page shown again with its errors keeps it), else the answer so far ('' when there is none yet).
 */
export function answeredBefore(step: Step, fields: FormFields): string | undefined {
  const key = KEY_ANSWERS[step];
  if (!key) return undefined;
  return ANSWERED_BEFORE in fields ? fieldValue(fields, ANSWERED_BEFORE) : fieldValue(fields, key);
}

/** Kept when who it is about changes: the rest was asked of "you" or of "them" and means something else now. */
const KEPT_WHEN_ABOUT_CHANGES: ReadonlySet<string> = new Set(['immediateDanger', 'about', 'narrative', 'abuseTypes']);
const SAFETY_FIELDS = ['safeTimes', 'voicemailSafe', 'mayIdentifyUs', 'mayBeWatched', 'codeWord'];

/**
 * The answers after `step` was posted. When its key answer differs from the one its page was shown
 * with, the answers whose meaning depends on it are dropped, so they are asked again, never carried
 * over to mean something else: a new "who it is about" clears every answer given of "you" or "them"
 * (a reporter's "do not contact me" must not become the victim's) and the journey is walked again from
 * there; a new safe way clears its safety answers (and a letter's address, asked with a letter's safety).
 */
export function withChangedAnswer(step: Step, fields: FormFields): FormFields {
  const { [ANSWERED_BEFORE]: _shown, ...answers } = fields;
  const key = KEY_ANSWERS[step];
  const before = answeredBefore(step, fields);
  if (!key || !before || before === fieldValue(fields, key)) return answers;
  if (key === 'about')
    return Object.fromEntries(Object.entries(answers).filter(([name]) => KEPT_WHEN_ABOUT_CHANGES.has(name)));
  const letter = before === 'letter' || directContact(fields) === 'letter';
  const cleared = new Set([...SAFETY_FIELDS, ...(letter ? ['personAddress'] : [])]);
  return Object.fromEntries(Object.entries(answers).filter(([name]) => !cleared.has(name)));
}

/** A question that follows from an answer just changed from "Check your answers" (a new way's safety). */
const FOLLOW_UP: Partial<Record<Step, Step>> = { about: 'relation', contact: 'safety' };

/**
 * The step after `step` was answered without errors: the next one of the journey; or, when it was
 * changed from "Check your answers", its follow-up question if one now applies, then back to the check
 * (or to the first question that now needs an answer).
 */
export function nextStep(step: Step, fields: FormFields, ctx: Context): Step {
  const steps = stepsFor(fields);
  if (fieldValue(fields, 'returnTo') !== 'check') return steps[steps.indexOf(step) + 1] ?? 'check';
  const followUp = FOLLOW_UP[step];
  if (followUp && steps.includes(followUp)) return followUp;
  return errorsByStep(fields, ctx)[0]?.step ?? 'check';
}

/** The step a Back button returns to: the one before (or the check, when changing an answer from it). */
export function previousStep(step: Step, fields: FormFields): Step | undefined {
  if (fieldValue(fields, 'returnTo') === 'check' && step !== 'check') return 'check';
  const steps = stepsFor(fields);
  return steps[steps.indexOf(step) - 1];
}

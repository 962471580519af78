// The safe-contact plan in words (004 §7.3): who asked for what, whose words the victim's safe
// contact is, the ways of the plan in force, and the request body of a newly agreed plan (the case version goes as If-Match). Pure, so
// test/console/ checks it in Node. A reporter's "do not contact me" is theirs alone: it never reads
// as the victim's wish.
import { londonTime } from './view.mjs';

/** @type {Record<string, string>} */
export const WAY_LABELS = {
  phone: 'Phone call',
  text: 'Text message',
  email: 'Email',
  letter: 'Letter',
  'in-person': 'In person',
  agency: 'Through an agency',
  reporter: 'Through the person who reported',
};

/** Who made a report that is not the victim's own, as the public form asked it. @type {Record<string, string>} */
export const REPORTER_KIND_WORDS = {
  'third-party': 'a neighbour, friend or family member',
  colleague: 'a colleague at the association',
  contractor: 'a contractor working for the association',
  anonymous: 'who chose not to say who they are',
};

/** Who made the report, for the case details. @param {string | undefined} kind */
export function reportedByWords(kind) {
  if (kind === 'victim') return 'The victim themselves';
  if (kind === 'anonymous') return 'Someone who chose not to say who they are';
  const words = REPORTER_KIND_WORDS[kind ?? ''];
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Not recorded';
}

/** @type {Record<string, string>} */
const AGREED_WITH_WORDS = { victim: 'the victim', reporter: 'the reporter', agency: 'an agency' };
/** @type {Record<string, string>} */
const REPORTER_METHOD_WORDS = { phone: 'phone', text: 'text message', email: 'email' };

/**
 * @typedef {{ way: string, windows?: { days: string[], from: string, to: string }[], windowsText?: string,
 *   voicemailSafe?: boolean, mayIdentifyUs?: boolean, mayBeWatched?: boolean, phone?: string, email?: string,
 *   address?: string, agency?: string }} PlanWay
 * @typedef {{ noDirectContact?: boolean, ways?: PlanWay[], codeWord?: string, notes?: string, safeTimesText?: string,
 *   agreedWith?: string, agreedAt?: string, version?: number, source?: string }} Plan
 */

/** The ways of a plan in words: "Phone call or Letter". @param {Plan | null | undefined} plan */
export function waysWords(plan) {
  const ways = (plan?.ways ?? []).map((w) => WAY_LABELS[w.way] ?? w.way);
  return ways.length > 1 ? `${ways.slice(0, -1).join(', ')} or ${ways.at(-1)}` : (ways[0] ?? '');
}

/** "The reporter (a neighbour, friend or family member)". @param {string | undefined} kind */
function theReporter(kind) {
  const words = REPORTER_KIND_WORDS[kind ?? ''];
  return kind === 'anonymous'
    ? 'The reporter, who chose not to say who they are,'
    : `The reporter${words ? ` (${words})` : ''}`;
}

/**
 * Who asked for what, one line each: the reporter's wish about themselves (when the report is not the
 * victim's own), then what the plan in force says of the victim, and who said it.
 * @param {{ reporterKind?: string, reporterContact?: { method?: string } | null, plan?: Plan | null }} c
 * @returns {{ id: string, text: string }[]}
 */
export function whoAsked(c) {
  const lines = [];
  if (c.reporterKind === 'victim') lines.push({ id: 'who-reporter', text: 'The victim made this report themselves.' });
  else {
    const method = c.reporterContact?.method;
    const who = theReporter(c.reporterKind);
    lines.push({
      id: 'who-reporter',
      text:
        method === 'none'
          ? `${who} asked us not to contact them. This is their own wish, not the victim's.`
          : method && REPORTER_METHOD_WORDS[method]
            ? `${who} may be contacted by ${REPORTER_METHOD_WORDS[method]}. This is their own contact, not the victim's.`
            : `${who} left no way to contact them.`,
    });
  }
  lines.push({ id: 'who-victim', text: victimWish(c.plan) });
  return lines;
}

/** What the plan in force says of contacting the victim, and who said it. @param {Plan | null | undefined} plan */
function victimWish(plan) {
  if (!plan) return 'No safe way to contact the victim is known yet.';
  const ways = waysWords(plan);
  const through = ways ? ` Contact them only ${ways.charAt(0).toLowerCase()}${ways.slice(1)}.` : '';
  if (plan.noDirectContact) {
    if (plan.agreedWith === 'victim') return `The victim asked us not to contact them.${through}`;
    return `${plan.agreedWith === 'agency' ? 'An agency says' : 'The reporter says'} the victim must not be contacted directly.${through}`;
  }
  if (!ways)
    return plan.agreedWith === 'victim'
      ? 'The victim has not given us a safe way to contact them yet.'
      : 'No safe way to contact the victim is known yet: decide how to make contact safely (through the reporter, an agency or MARAC).';
  if (plan.agreedWith === 'victim') return `The victim told us how to contact them safely: ${ways}.`;
  if (plan.agreedWith === 'agency') return `An agency agreed how to contact the victim: ${ways}.`;
  return `The reporter told us what they know of a safe way to contact the victim: ${ways}. The victim has not agreed it with us yet.`;
}

/**
 * Whose words the plan in force is: the report's (the victim's own, or what a reporter knows of it),
 * or a plan agreed later with someone on a date.
 * @param {Plan | null | undefined} plan @param {string | undefined} safeContactSource 'victim' | 'reporter'
 */
export function planSourceWords(plan, safeContactSource) {
  if (!plan || plan.source === 'report')
    return safeContactSource === 'victim'
      ? 'What they told us: the victim made the report'
      : 'What the reporter knows of a safe way to contact the victim';
  return `Agreed with ${AGREED_WITH_WORDS[plan.agreedWith ?? ''] ?? plan.agreedWith} on ${londonTime(plan.agreedAt)}`;
}

/** Who agreed a version, for the versions table. @param {string | undefined} agreedWith */
export function agreedWithWords(agreedWith) {
  const w = AGREED_WITH_WORDS[agreedWith ?? ''] ?? String(agreedWith ?? '');
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/**
 * What the officer must keep in mind on a way before any contact, from the plan's own answers.
 * @param {PlanWay} w
 */
export function wayCautions(w) {
  const out = [];
  if (w.way === 'phone' && !w.voicemailSafe) out.push('Do not leave a voicemail.');
  if (w.mayBeWatched) out.push('Someone else may see it: say nothing about the abuse until you know it is them.');
  if (['phone', 'text', 'email', 'letter', 'in-person'].includes(w.way) && !w.mayIdentifyUs)
    out.push('Do not say who you are or why you are in touch to anyone but them.');
  return out;
}

/**
 * Why Haven asks for a reason: a refused contact answers 422 with the field `outsidePlanReason` and
 * the plan's reason in words ("is required: A letter is not a safe way …"). Undefined otherwise.
 * @param {{ fields?: { field: string, problem: string }[] } | undefined} body
 */
export function outsidePlanWarning(body) {
  const f = (body?.fields ?? []).find((x) => x.field === 'outsidePlanReason');
  if (!f) return undefined;
  const reason = f.problem.replace(/^is required:?\s*/, '');
  return reason ? reason.charAt(0).toUpperCase() + reason.slice(1) : 'This contact is outside the safe-contact plan.';
}

const FIELD_WORDS = /** @type {Record<string, string>} */ ({
  phone: 'phone number',
  email: 'email address',
  address: 'address',
  agency: 'agency',
  from: 'safe from',
  to: 'safe until',
  days: 'safe days',
  way: 'way',
});

/**
 * A refused plan's problems in words: "ways.1.address is needed to write" becomes "Letter: address
 * is needed to write". @param {{ field: string, problem: string }[]} fields @param {{ way: string }[]} ways as sent
 */
export function planProblemWords(fields, ways) {
  return fields.map((f) => {
    const m = /^ways\.(\d+)\.(?:windows\.\d+\.)?([a-zA-Z]+)$/.exec(f.field);
    if (!m) return `${f.field === 'agreedWith' ? 'Who agreed it' : f.field} ${f.problem}`;
    const way = ways[Number(m[1])]?.way ?? '';
    return `${WAY_LABELS[way] ?? 'A way'}: ${FIELD_WORDS[m[2] ?? ''] ?? m[2]} ${f.problem}`;
  });
}

export const DAYS = /** @type {const} */ (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

/**
 * The body of POST /api/cases/{id}/contact-plan from the plan form's values: each way ticked, with its
 * number or address, one safe window (days, from, to; no days means any time) and what is safe on it.
 * @param {Record<string, string | boolean>} v @param {readonly string[]} ways every way the plan may hold
 * @param {string | undefined} agreedAt ISO instant, or undefined for now
 */
export function contactPlanBody(v, ways, agreedAt) {
  /** @param {string} k */
  const text = (k) => (typeof v[k] === 'string' && v[k] ? String(v[k]) : undefined);
  /** @param {Record<string, unknown>} o */
  const clean = (o) => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));
  const chosen = ways.filter((w) => v[`way-${w}`] === true);
  return clean({
    noDirectContact: v.noDirectContact === true,
    ways: chosen.map((w) => {
      const days = DAYS.filter((d) => v[`${w}-day-${d}`] === true);
      const from = text(`${w}-from`);
      const to = text(`${w}-to`);
      return clean({
        way: w,
        phone: w === 'phone' || w === 'text' ? text(`${w}-phone`) : undefined,
        email: w === 'email' ? text('email-email') : undefined,
        address: w === 'letter' ? text('letter-address') : undefined,
        agency: w === 'agency' ? text('agency-agency') : undefined,
        windows: days.length || from || to ? [{ days, from: from ?? '', to: to ?? '' }] : [],
        voicemailSafe: v[`${w}-voicemail`] === true,
        mayIdentifyUs: v[`${w}-identify`] === true,
        mayBeWatched: v[`${w}-watched`] === true,
      });
    }),
    codeWord: text('codeWord'),
    notes: text('notes'),
    agreedWith: text('agreedWith'),
    agreedAt,
  });
}

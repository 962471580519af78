// The staff console's pure view logic: wording, labels, ordering and escaping. No DOM, no fetch, no
// clock of its own (time is passed in), so test/console/ checks it in Node.
import { BASIS_LABELS, CLOCK_LABELS, DUTY_LABELS, RISK_LABELS } from './labels.mjs';

/** Marks trusted markup so `html` does not escape it again. */
export class Raw {
  /** @param {string} value */
  constructor(value) {
    this.value = value;
  }
  toString() {
    return this.value;
  }
}

/** Escapes text for HTML element content and attribute values. @param {unknown} value */
export function esc(value) {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** @param {unknown} v @returns {string} */
function part(v) {
  if (v === undefined || v === null || v === false) return '';
  if (v instanceof Raw) return v.value;
  if (Array.isArray(v)) return v.map(part).join('');
  return esc(v);
}

/**
 * A template tag that escapes every interpolated value (arrays joined, `Raw` kept, null/false empty).
 * @param {TemplateStringsArray} strings @param {...unknown} values @returns {Raw}
 */
export function html(strings, ...values) {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += part(v) + (strings[i + 1] ?? '');
  });
  return new Raw(out);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** @param {number} n @param {string} word */
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A length of time in words, two units at most: "2 days 3 hours", "5 hours 10 minutes", "0 minutes"
 * (the same wording as functions/core/clocks.ts overdueBy; test/console checks they agree).
 * @param {number} ms
 */
export function durationWords(ms) {
  const totalMinutes = Math.max(0, Math.floor(ms / MINUTE));
  const days = Math.floor(totalMinutes / (24 * 60));
  const hours = Math.floor((totalMinutes % (24 * 60)) / 60);
  const minutes = totalMinutes % 60;
  if (days > 0) return hours > 0 ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day');
  if (hours > 0) return minutes > 0 ? `${plural(hours, 'hour')} ${plural(minutes, 'minute')}` : plural(hours, 'hour');
  return plural(minutes, 'minute');
}

/** Within this long of its deadline a clock is shown as due soon. */
export const DUE_SOON_MS = DAY;

/**
 * How a clock stands, in words and in a tone that picks its colour. The words alone say it all
 * ("Overdue by …", "Due in …"), so colour is never the only signal.
 * @param {string | null | undefined} deadline ISO instant
 * @param {number} now epoch ms
 * @param {boolean} [serverOverdue] what the API said when it answered (its clock, not the browser's)
 * @returns {{ state: 'overdue' | 'soon' | 'later' | 'none', text: string, tagClass: string }}
 */
export function clockStatus(deadline, now, serverOverdue) {
  if (!deadline) return { state: 'none', text: 'No clock running', tagClass: 'govuk-tag--grey' };
  const t = Date.parse(deadline);
  // The API said overdue but this browser's clock is behind: trust the API, and say so without a length.
  if (serverOverdue === true && t >= now) return { state: 'overdue', text: 'Overdue', tagClass: 'govuk-tag--red' };
  if (t < now) return { state: 'overdue', text: `Overdue by ${durationWords(now - t)}`, tagClass: 'govuk-tag--red' };
  // A clock that ends within the minute is still "due in 0 minutes", never rounded to overdue.
  if (t - now <= DUE_SOON_MS)
    return { state: 'soon', text: `Due in ${durationWords(t - now)}`, tagClass: 'govuk-tag--orange' };
  return { state: 'later', text: `Due in ${durationWords(t - now)}`, tagClass: 'govuk-tag--green' };
}

/**
 * Open cases as the API orders them: cases reported in immediate danger whose 999 duty is open lead
 * (earliest reported first), then soonest due (overdue ones first), cases with no clock running last.
 * @template {{ nextDueAt?: string | null, reportedAt?: string, immediateDanger?: boolean }} T @param {T[]} items @returns {T[]}
 */
export function sortByDue(items) {
  return [...items].sort((a, b) => {
    const fa = a.immediateDanger === true;
    const fb = b.immediateDanger === true;
    if (fa !== fb) return fa ? -1 : 1;
    const da = fa || !a.nextDueAt ? Infinity : Date.parse(a.nextDueAt);
    const db = fb || !b.nextDueAt ? Infinity : Date.parse(b.nextDueAt);
    if (da !== db) return da - db;
    return String(a.reportedAt ?? '').localeCompare(String(b.reportedAt ?? ''));
  });
}

/** The caseload row's flag for a case reported in immediate danger, until what was done is recorded. @param {{ immediateDanger?: boolean }} item */
export function dangerTag(item) {
  return item.immediateDanger === true
    ? html`<strong class="govuk-tag govuk-tag--red haven-danger-tag">Immediate danger</strong>`
    : '';
}

/**
 * @typedef {{ reportedAt: string, adviceShown: boolean, open: boolean,
 *   whatWasDone: null | { outcome: string, at?: string, by?: string, reason?: string, reasonGiven?: boolean } }} DangerBanner
 */

/**
 * The banner at the top of a case reported in immediate danger (GOV.UK notification banner): when it
 * was reported, whether the 999 advice was shown, and what was done, when and by whom; until that is
 * recorded, a warning that points at the action form. Empty when the case was not reported in danger.
 * @param {DangerBanner | null | undefined} b @param {string | undefined} me the signed-in staff id
 */
export function dangerBanner(b, me) {
  if (!b) return '';
  const done = b.whatWasDone;
  const who = done?.by ? (done.by === me ? 'you' : `officer ${done.by.slice(0, 8)}`) : 'an officer';
  const words = done?.reason
    ? html`<p class="govuk-body" id="danger-what-done">${done.reason}</p>`
    : done?.reasonGiven
      ? html`<p class="govuk-body" id="danger-what-done">What was done is hidden with the personal details: show them to read it.</p>`
      : '';
  return html`<div class="govuk-notification-banner" role="region" aria-labelledby="danger-title" data-module="govuk-notification-banner" id="danger-banner">
<div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="danger-title">Immediate danger</h2></div>
<div class="govuk-notification-banner__content">
<p class="govuk-notification-banner__heading">Reported in immediate danger at ${londonTime(b.reportedAt)}.</p>
<p class="govuk-body">${b.adviceShown ? 'The 999 advice was shown to the person reporting.' : 'The 999 advice was not shown.'}</p>
${
  done
    ? html`<p class="govuk-body" id="danger-done">${done.outcome === 'done' ? 'What was done' : 'Closed with no further action'}: recorded${done.at ? ` ${londonTime(done.at)}` : ''} by ${who}.</p>${words}`
    : html`<div class="govuk-warning-text govuk-!-margin-bottom-0" id="danger-open"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> Nobody has recorded what was done. Advise 999 or call for them, then <a class="govuk-notification-banner__link" href="#action-form">record what was done</a>.</strong></div>`
}
</div></div>`;
}

/** A London date and time for people: "Tue 24 Nov 2026, 14:05". @param {string | null | undefined} iso */
export function londonTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}

/** A London calendar date, YYYY-MM-DD. @param {number | Date} instant */
export function londonDate(instant) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(instant));
  /** @param {string} t */
  const get = (t) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The UK financial year (1 April to 31 March) holding a London date: the default figures period. @param {number} now */
export function financialYearOf(now) {
  const today = londonDate(now);
  const y = Number(today.slice(0, 4));
  const start = Number(today.slice(5, 7)) >= 4 ? y : y - 1;
  return { from: `${start}-04-01`, to: `${start + 1}-03-31` };
}

/** Words for a hyphenated id when no label is known: "marac-referral" → "Marac referral". @param {string} id */
export function humanise(id) {
  const s = String(id).replaceAll('-', ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A risk level as a tag: words first, colour second. @param {string} risk */
export function riskTag(risk) {
  const cls =
    risk === 'high'
      ? 'govuk-tag--red'
      : risk === 'medium'
        ? 'govuk-tag--orange'
        : risk === 'standard'
          ? 'govuk-tag--blue'
          : 'govuk-tag--grey';
  return html`<strong class="govuk-tag ${cls}">${risk === 'not-assessed' ? 'Risk not assessed' : `${RISK_LABELS[risk] ?? humanise(risk)} risk`}</strong>`;
}

/** Who did something, for the timeline: "You", "the system", or the role and a short id. @param {unknown} actor @param {string | undefined} me */
export function actorWords(actor, me) {
  if (actor === 'system' || !actor || typeof actor !== 'object') return 'Haven (automatic)';
  const a = /** @type {{ sub?: string, role?: string }} */ (actor);
  if (me && a.sub === me) return `You (${a.role ?? 'staff'})`;
  return `${humanise(a.role ?? 'staff')} ${String(a.sub ?? '').slice(0, 8)}`;
}

/** The consent words for a required action: what it needs and where it stands. @param {{ rule?: string, mayProceed?: boolean, basis?: string | null, missing?: string }} c */
export function consentWords(c) {
  if (!c || c.rule === 'not-needed') return { text: 'No consent needed', tagClass: 'govuk-tag--grey' };
  if (c.mayProceed) {
    if (c.basis === 'consent') return { text: 'Consent given', tagClass: 'govuk-tag--green' };
    return {
      text: `Overridden: ${BASIS_LABELS[String(c.basis)] ?? humanise(String(c.basis))}`,
      tagClass: 'govuk-tag--purple',
    };
  }
  if (c.missing?.startsWith('consent was refused')) return { text: 'Consent refused', tagClass: 'govuk-tag--red' };
  return { text: 'Consent needed', tagClass: 'govuk-tag--yellow' };
}

/** A required action's status as words and tag. @param {{ status?: string, record?: { referral?: { madeAt?: string, acknowledgedAt?: string } } }} a */
export function actionStatus(a) {
  const referral = a.record?.referral;
  if (referral?.acknowledgedAt) return { text: 'Referral acknowledged', tagClass: 'govuk-tag--green' };
  if (referral?.madeAt) return { text: 'Referral made, awaiting acknowledgement', tagClass: 'govuk-tag--blue' };
  if (a.status === 'done') return { text: 'Done', tagClass: 'govuk-tag--green' };
  if (a.status === 'no-further-action') return { text: 'No further action', tagClass: 'govuk-tag--grey' };
  return { text: 'To do', tagClass: 'govuk-tag--yellow' };
}

/** A closure blocker in plain words: duty ids become their labels. @param {string} blocker */
export function blockerWords(blocker) {
  const m = /^([a-z-]+)( is still open|: no further action needs a recorded reason)$/.exec(blocker);
  if (m && DUTY_LABELS[m[1] ?? ''])
    return `${DUTY_LABELS[m[1] ?? '']}${m[2] === ' is still open' ? ' is still open' : ': no further action needs a recorded reason'}`;
  return blocker.charAt(0).toUpperCase() + blocker.slice(1);
}

/**
 * Rows for a bar chart of counts: label, value and the bar's width as a share of the largest (0-100).
 * @param {Record<string, number>} counts @param {(key: string) => string} [label]
 */
export function barRows(counts, label = humanise) {
  const entries = Object.entries(counts ?? {});
  const max = Math.max(0, ...entries.map(([, v]) => v));
  return entries.map(([key, value]) => ({
    key,
    label: label(key),
    value,
    width: max === 0 ? 0 : Math.round((value / max) * 1000) / 10,
  }));
}

/** A share as words: "75% (3 of 4)", or why there is none. @param {{ numerator: number, denominator: number, percentage: number | null } | null | undefined} s */
export function shareWords(s) {
  if (s === null || s === undefined) return 'Not measured';
  if (s.percentage === null) return 'No cases to measure';
  return `${s.percentage}% (${s.numerator} of ${s.denominator})`;
}

/**
 * The caseload query string from the filter form's values and the page's cursor; empty values are left out.
 * @param {{ area?: string, risk?: string, overdue?: boolean, officer?: string, cursor?: string }} f
 */
export function caseloadQuery(f) {
  const q = new URLSearchParams();
  if (f.area) q.set('area', f.area);
  if (f.risk) q.set('risk', f.risk);
  if (f.overdue) q.set('overdue', 'true');
  if (f.officer) q.set('officer', f.officer);
  if (f.cursor) q.set('cursor', f.cursor);
  return q.toString();
}

/** Counts the yes answers of a DASH in progress, and the indicator questions answered yes. @param {Record<string, string>} answers @param {{ id: string, indicator?: string }[]} questions */
export function dashTally(answers, questions) {
  const yes = questions.filter((q) => answers[q.id] === 'yes');
  const answered = questions.filter((q) => answers[q.id] !== undefined).length;
  return {
    yes: yes.length,
    answered,
    total: questions.length,
    indicators: yes.flatMap((q) => (q.indicator ? [q.indicator] : [])),
  };
}

/** The problems of a refused request as error-summary items: field and problem, never a value. @param {{ error?: string, fields?: { field: string, problem: string }[] }} body */
export function problemsOf(body) {
  const fields = Array.isArray(body?.fields) ? body.fields : [];
  if (fields.length)
    return fields.map((f) => (f.field === 'case' ? blockerWords(f.problem) : `${humanise(f.field)} ${f.problem}`));
  return [body?.error ? body.error.charAt(0).toUpperCase() + body.error.slice(1) : 'Something went wrong: try again'];
}

/**
 * How far this browser's clock is from Haven's, from the `asAt` (Haven's own now) the API answered
 * with. Zero unless the gap is over two minutes, so small drift never shows.
 * @param {string | null | undefined} asAt ISO instant @param {number} receivedAt browser epoch ms
 */
export function serverOffset(asAt, receivedAt) {
  const t = asAt ? Date.parse(asAt) : NaN;
  if (Number.isNaN(t)) return 0;
  const offset = t - receivedAt;
  return Math.abs(offset) > 2 * MINUTE ? offset : 0;
}

/**
 * The clock a case is due on next, in words: "Initial contact (Initial contact)" becomes one label
 * when clock and duty say the same. @param {{ clock: string, duty: string } | null | undefined} next
 */
export function nextClockWords(next) {
  if (!next) return '';
  const clock = CLOCK_LABELS[next.clock] ?? humanise(next.clock);
  const duty = DUTY_LABELS[next.duty] ?? humanise(next.duty);
  return clock === duty ? clock : `${clock}: ${duty}`;
}

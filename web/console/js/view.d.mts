/** Escapes text for HTML element content and attribute values. @param {unknown} value */
export function esc(value: unknown): string;
/**
 * A template tag that escapes every interpolated value (arrays joined, `Raw` kept, null/false empty).
 * @param {TemplateStringsArray} strings @param {...unknown} values @returns {Raw}
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw;
/**
 * A length of time in words, two units at most: "2 days 3 hours", "5 hours 10 minutes", "0 minutes"
 * (the same wording as functions/core/clocks.ts overdueBy; test/console checks they agree).
 * @param {number} ms
 */
export function durationWords(ms: number): string;
/**
 * How a clock stands, in words and in a tone that picks its colour. The words alone say it all
 * ("Overdue by …", "Due in …"), so colour is never the only signal.
 * @param {string | null | undefined} deadline ISO instant
 * @param {number} now epoch ms
 * @param {boolean} [serverOverdue] what the API said when it answered (its clock, not the browser's)
 * @returns {{ state: 'overdue' | 'soon' | 'later' | 'none', text: string, tagClass: string }}
 */
export function clockStatus(deadline: string | null | undefined, now: number, serverOverdue?: boolean): {
    state: "overdue" | "soon" | "later" | "none";
    text: string;
    tagClass: string;
};
/**
 * Open cases as the API orders them: cases reported in immediate danger whose 999 duty is open lead
 * (earliest reported first), then soonest due (overdue ones first), cases with no clock running last.
 * @template {{ nextDueAt?: string | null, reportedAt?: string, immediateDanger?: boolean }} T @param {T[]} items @returns {T[]}
 */
export function sortByDue<T extends {
    nextDueAt?: string | null;
    reportedAt?: string;
    immediateDanger?: boolean;
}>(items: T[]): T[];
/** The caseload row's flag for a case reported in immediate danger, until what was done is recorded. @param {{ immediateDanger?: boolean }} item */
export function dangerTag(item: {
    immediateDanger?: boolean;
}): Raw | "";
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
export function dangerBanner(b: DangerBanner | null | undefined, me: string | undefined): Raw | "";
/** A London date and time for people: "Tue 24 Nov 2026, 14:05". @param {string | null | undefined} iso */
export function londonTime(iso: string | null | undefined): string;
/** A London calendar date, YYYY-MM-DD. @param {number | Date} instant */
export function londonDate(instant: number | Date): string;
/** The UK financial year (1 April to 31 March) holding a London date: the default figures period. @param {number} now */
export function financialYearOf(now: number): {
    from: string;
    to: string;
};
/** Words for a hyphenated id when no label is known: "marac-referral" → "Marac referral". @param {string} id */
export function humanise(id: string): string;
/** A risk level as a tag: words first, colour second. @param {string} risk */
export function riskTag(risk: string): Raw;
/** Who did something, for the timeline: "You", "the system", or the role and a short id. @param {unknown} actor @param {string | undefined} me */
export function actorWords(actor: unknown, me: string | undefined): string;
/** The consent words for a required action: what it needs and where it stands. @param {{ rule?: string, mayProceed?: boolean, basis?: string | null, missing?: string }} c */
export function consentWords(c: {
    rule?: string;
    mayProceed?: boolean;
    basis?: string | null;
    missing?: string;
}): {
    text: string;
    tagClass: string;
};
/** A required action's status as words and tag. @param {{ status?: string, record?: { referral?: { madeAt?: string, acknowledgedAt?: string } } }} a */
export function actionStatus(a: {
    status?: string;
    record?: {
        referral?: {
            madeAt?: string;
            acknowledgedAt?: string;
        };
    };
}): {
    text: string;
    tagClass: string;
};
/** A closure blocker in plain words: duty ids become their labels. @param {string} blocker */
export function blockerWords(blocker: string): string;
/**
 * Rows for a bar chart of counts: label, value and the bar's width as a share of the largest (0-100).
 * @param {Record<string, number>} counts @param {(key: string) => string} [label]
 */
export function barRows(counts: Record<string, number>, label?: (key: string) => string): {
    key: string;
    label: string;
    value: number;
    width: number;
}[];
/** A share as words: "75% (3 of 4)", or why there is none. @param {{ numerator: number, denominator: number, percentage: number | null } | null | undefined} s */
export function shareWords(s: {
    numerator: number;
    denominator: number;
    percentage: number | null;
} | null | undefined): string;
/**
 * The caseload query string from the filter form's values and the page's cursor; empty values are left out.
 * @param {{ area?: string, risk?: string, overdue?: boolean, officer?: string, cursor?: string }} f
 */
export function caseloadQuery(f: {
    area?: string;
    risk?: string;
    overdue?: boolean;
    officer?: string;
    cursor?: string;
}): string;
/** Counts the yes answers of a DASH in progress, and the indicator questions answered yes. @param {Record<string, string>} answers @param {{ id: string, indicator?: string }[]} questions */
export function dashTally(answers: Record<string, string>, questions: {
    id: string;
    indicator?: string;
}[]): {
    yes: number;
    answered: number;
    total: number;
    indicators: string[];
};
/** The problems of a refused request as error-summary items: field and problem, never a value. @param {{ error?: string, fields?: { field: string, problem: string }[] }} body */
export function problemsOf(body: {
    error?: string;
    fields?: {
        field: string;
        problem: string;
    }[];
}): string[];
/**
 * How far this browser's clock is from Haven's, from the `asAt` (Haven's own now) the API answered
 * with. Zero unless the gap is over two minutes, so small drift never shows.
 * @param {string | null | undefined} asAt ISO instant @param {number} receivedAt browser epoch ms
 */
export function serverOffset(asAt: string | null | undefined, receivedAt: number): number;
/**
 * The clock a case is due on next, in words: "Initial contact (Initial contact)" becomes one label
 * when clock and duty say the same. @param {{ clock: string, duty: string } | null | undefined} next
 */
export function nextClockWords(next: {
    clock: string;
    duty: string;
} | null | undefined): string;
/** Marks trusted markup so `html` does not escape it again. */
export class Raw {
    /** @param {string} value */
    constructor(value: string);
    value: string;
    toString(): string;
}
/** Within this long of its deadline a clock is shown as due soon. */
export const DUE_SOON_MS: number;
export type DangerBanner = {
    reportedAt: string;
    adviceShown: boolean;
    open: boolean;
    whatWasDone: null | {
        outcome: string;
        at?: string;
        by?: string;
        reason?: string;
        reasonGiven?: boolean;
    };
};

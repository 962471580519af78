/** Who made the report, for the case details. @param {string | undefined} kind */
export function reportedByWords(kind: string | undefined): string;
/**
 * @typedef {{ way: string, windows?: { days: string[], from: string, to: string }[], windowsText?: string,
 *   voicemailSafe?: boolean, mayIdentifyUs?: boolean, mayBeWatched?: boolean, phone?: string, email?: string,
 *   address?: string, agency?: string }} PlanWay
 * @typedef {{ noDirectContact?: boolean, ways?: PlanWay[], codeWord?: string, notes?: string, safeTimesText?: string,
 *   agreedWith?: string, agreedAt?: string, version?: number, source?: string }} Plan
 */
/** The ways of a plan in words: "Phone call or Letter". @param {Plan | null | undefined} plan */
export function waysWords(plan: Plan | null | undefined): string;
/**
 * Who asked for what, one line each: the reporter's wish about themselves (when the report is not the
 * victim's own), then what the plan in force says of the victim, and who said it.
 * @param {{ reporterKind?: string, reporterContact?: { method?: string } | null, plan?: Plan | null }} c
 * @returns {{ id: string, text: string }[]}
 */
export function whoAsked(c: {
    reporterKind?: string;
    reporterContact?: {
        method?: string;
    } | null;
    plan?: Plan | null;
}): {
    id: string;
    text: string;
}[];
/**
 * Whose words the plan in force is: the report's (the victim's own, or what a reporter knows of it),
 * or a plan agreed later with someone on a date.
 * @param {Plan | null | undefined} plan @param {string | undefined} safeContactSource 'victim' | 'reporter'
 */
export function planSourceWords(plan: Plan | null | undefined, safeContactSource: string | undefined): string;
/** Who agreed a version, for the versions table. @param {string | undefined} agreedWith */
export function agreedWithWords(agreedWith: string | undefined): string;
/**
 * What the officer must keep in mind on a way before any contact, from the plan's own answers.
 * @param {PlanWay} w
 */
export function wayCautions(w: PlanWay): string[];
/**
 * Why Haven asks for a reason: a refused contact answers 422 with the field `outsidePlanReason` and
 * the plan's reason in words ("is required: A letter is not a safe way …"). Undefined otherwise.
 * @param {{ fields?: { field: string, problem: string }[] } | undefined} body
 */
export function outsidePlanWarning(body: {
    fields?: {
        field: string;
        problem: string;
    }[];
} | undefined): string | undefined;
/**
 * A refused plan's problems in words: "ways.1.address is needed to write" becomes "Letter: address
 * is needed to write". @param {{ field: string, problem: string }[]} fields @param {{ way: string }[]} ways as sent
 */
export function planProblemWords(fields: {
    field: string;
    problem: string;
}[], ways: {
    way: string;
}[]): string[];
/**
 * The body of POST /api/cases/{id}/contact-plan from the plan form's values: each way ticked, with its
 * number or address, one safe window (days, from, to; no days means any time) and what is safe on it.
 * @param {Record<string, string | boolean>} v @param {readonly string[]} ways every way the plan may hold
 * @param {string | undefined} agreedAt ISO instant, or undefined for now
 */
export function contactPlanBody(v: Record<string, string | boolean>, ways: readonly string[], agreedAt: string | undefined): {
    [k: string]: unknown;
};
/** @type {Record<string, string>} */
export const WAY_LABELS: Record<string, string>;
/** Who made a report that is not the victim's own, as the public form asked it. @type {Record<string, string>} */
export const REPORTER_KIND_WORDS: Record<string, string>;
export const DAYS: readonly ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
export type PlanWay = {
    way: string;
    windows?: {
        days: string[];
        from: string;
        to: string;
    }[];
    windowsText?: string;
    voicemailSafe?: boolean;
    mayIdentifyUs?: boolean;
    mayBeWatched?: boolean;
    phone?: string;
    email?: string;
    address?: string;
    agency?: string;
};
export type Plan = {
    noDirectContact?: boolean;
    ways?: PlanWay[];
    codeWord?: string;
    notes?: string;
    safeTimesText?: string;
    agreedWith?: string;
    agreedAt?: string;
    version?: number;
    source?: string;
};

/** A closure outcome in words ('Not recorded' for a case closed before outcomes were kept). @param {string | null | undefined} o */
export function closureOutcomeWords(o: string | null | undefined): string;
/**
 * Haven's ids inside a refusal's text (duties, override bases, clocks) as their labels, quoted, so no
 * raw id such as `safeguarding-concern` reaches the officer. @param {string} text
 */
export function idsInWords(text: string): string;
/** @type {Record<string, string>} */
export const DUTY_LABELS: Record<string, string>;
/** @type {Record<string, string>} */
export const CLOCK_LABELS: Record<string, string>;
/** @type {Record<string, string>} */
export const RISK_LABELS: Record<string, string>;
/** Who made a report, as the figures count it. @type {Record<string, string>} */
export const REPORTER_LABELS: Record<string, string>;
/** @type {Record<string, string>} */
export const STATUS_LABELS: Record<string, string>;
/** Why a case closed (DOMAIN.md "Closing a case"; the words of core/case.ts CLOSURE_OUTCOMES). @type {Record<string, string>} */
export const CLOSURE_OUTCOME_LABELS: Record<string, string>;
/** @type {Record<string, string>} */
export const EVENT_LABELS: Record<string, string>;
/** @type {Record<string, string>} */
export const BASIS_LABELS: Record<string, string>;

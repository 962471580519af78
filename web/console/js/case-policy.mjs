// The case page's policy words, each from the association's console data (data/<id>.json, built from
// config/associations and functions/core): a clock is named, and its length given, only where the
// association's policy sets it. Nothing here knows an association by name.
import { CLOCK_LABELS } from './labels.mjs';
import { humanise } from './view.mjs';

/** @typedef {{ minutes?: number, hours?: number, days?: number, workingDays?: number }} ClockLength */

/** @param {number} n @param {string} word */
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A clock's length in words (so many minutes, hours, days or working days). @param {ClockLength | undefined} l */
export function lengthWords(l) {
  if (!l) return '';
  if (l.minutes) return plural(l.minutes, 'minute');
  if (l.hours) return plural(l.hours, 'hour');
  if (l.days) return plural(l.days, 'day');
  if (l.workingDays) return plural(l.workingDays, 'working day');
  return '';
}

/** The length the association sets for a clock, or undefined when it sets none. @param {any} data @param {string} clock */
const clockLength = (data, clock) => /** @type {ClockLength | undefined} */ (data?.clocks?.[clock]);

/** Whether the association's policy sets this clock. @param {any} data @param {string} clock */
const hasClock = (data, clock) => Boolean(clockLength(data, clock));

/** A running clock's name with the length the association gives it. @param {any} data @param {string} clock */
export function clockName(data, clock) {
  const name = CLOCK_LABELS[clock] ?? humanise(clock);
  const length = lengthWords(clockLength(data, clock));
  return length ? `${name} (${length})` : name;
}

/** What recording a contact that reached them does to the clocks. @param {any} data */
export function contactEffect(data) {
  const regular = lengthWords(clockLength(data, 'regularContact'));
  return regular
    ? `A contact that reached them restarts the regular contact clock: contact at least every ${regular}.`
    : 'Record every contact that reached them, and every attempt that did not.';
}

/** The success banner after a contact that reached them. @param {any} data */
export function contactRecorded(data) {
  const regular = lengthWords(clockLength(data, 'regularContact'));
  return regular
    ? `Contact recorded. The regular contact clock (every ${regular}) has restarted.`
    : 'Contact recorded.';
}

/** The success banner after an attempt that did not reach them. @param {any} data */
export function attemptRecorded(data) {
  const running = ['initialContact', 'regularContact'].filter((k) => hasClock(data, k));
  return running.length
    ? 'Attempt recorded: it did not reach them, so the contact clock keeps running.'
    : 'Attempt recorded: it did not reach them.';
}

/**
 * The holding period in words, or undefined when the association sets no holding clock.
 * @param {any} data @returns {{ heading: string, running: string, paused: string, pause: string, restart: string } | undefined}
 */
export function holdingWords(data) {
  const length = lengthWords(clockLength(data, 'holdingArea'));
  if (!length) return undefined;
  return {
    heading: `Holding period (${length})`,
    running: `The ${length} holding clock is running.`,
    paused: `The ${length} holding clock is paused.`,
    pause: `Pause the ${length} holding clock`,
    restart: `Restart the ${length} holding clock`,
  };
}

/** The window the case flags look back over, in words ("the last 12 months"). @param {any} data */
const flagWindow = (data) => `the last ${data?.flags?.windowMonths ?? 12} months`;

/** The repeat-MARAC warning: only while a MARAC referral is still to be made. @param {any} data */
export const repeatMaracWords = (data) =>
  `A MARAC referral was made for this victim or home in ${flagWindow(data)}: the referral now required is a repeat referral.`;

/** A referral of this case was a repeat of an earlier one for the victim or home. @param {any} data */
export const repeatMaracMadeWords = (data) =>
  `Repeat MARAC referral: a referral on this case was made within ${data?.flags?.windowMonths ?? 12} months of an earlier one for this victim or home.`;

/** The escalation warning. @param {any} data */
export const escalationWords = (data) =>
  `${data?.flags?.escalationIncidents ?? 3} or more incidents in ${flagWindow(data)}: potential escalation.`;

/** The repeat note on a DASH result. @param {any} data */
export const dashRepeatWords = (data) =>
  `This would be a repeat MARAC referral (one was made for this victim or home in ${flagWindow(data)}).`;

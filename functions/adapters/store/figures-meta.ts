/**
 * The clear facts the figures count, derived from a case's sealed state on every write. Each is
 * rebuilt from its value (never copied), so no reason, note or other text can reach clear.
 */
import { type CaseState, type ConsentRecord, REPORTED_BY } from '../../core/case.js';
import type { Clock } from '../../core/clock-schema.js';
import { SAFE_CONTACT_STANDINGS } from '../../core/contact-plan.js';
import type { Duty } from '../../core/duties.js';
import type { FiguresMeta } from './types.js';

const ISO_INSTANT_START = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** An ISO instant rebuilt from a parsed date, so nothing but the instant can reach clear; anything else is dropped. */
export function instantOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || !ISO_INSTANT_START.test(value)) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
export const instantsOf = (values: readonly unknown[] | undefined) =>
  (values ?? [])
    .map(instantOf)
    .filter((x): x is string => x !== undefined)
    .sort();
const earliest = (values: (string | undefined)[]) => values.filter((x): x is string => x !== undefined).sort()[0];

/** A clock length rebuilt from its number, so only the unit and count reach clear. */
function clockOf(c: Clock | undefined): Clock | undefined {
  if (!c) return undefined;
  if ('minutes' in c && Number.isInteger(c.minutes)) return { minutes: c.minutes };
  if ('hours' in c && Number.isInteger(c.hours)) return { hours: c.hours };
  if ('days' in c && Number.isInteger(c.days)) return { days: c.days };
  if ('workingDays' in c && Number.isInteger(c.workingDays)) return { workingDays: c.workingDays };
  return undefined;
}

/** One of `allowed`, or undefined: an enum rebuilt from the list, so only a known word can reach clear. */
export function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | undefined {
  return allowed.find((a) => a === value);
}

const withDefined = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** The newest consent decision for a duty (as consent.ts counts it: latest `at`, later record on a tie). */
function latestConsent(consents: readonly ConsentRecord[], duty: Duty): ConsentRecord | undefined {
  let found: ConsentRecord | undefined;
  for (const c of consents) if (c.duty === duty && (!found || Date.parse(c.at) >= Date.parse(found.at))) found = c;
  return found;
}

/**
 * The clear facts the figures count (001 §7, 000), derived from a case's state: instants, one flag
 * and a clock length, each rebuilt from its value (never copied), so no reason, note or other text
 * can reach clear. What counts as what:
 * - first contact: the earliest recorded contact, or when the initial-contact duty was done;
 * - DASH attempted: a DASH was scored, or the dash-assessment duty was marked done;
 * - consent to a specialist referral: the newest decision on specialist-support-referral (given or not);
 * - specialist referral offered: that referral was made, or the duty marked done;
 * - MARAC referrals, contacts and holding pauses: their instants;
 * - who made the report, and whether a safe way to reach the victim is known: one word each.
 */
export function figuresMetaOf(state: CaseState): FiguresMeta {
  const contacts = instantsOf(state.contacts);
  const initial = state.duties['initial-contact'];
  const firstContactAt = earliest([contacts[0], initial?.status === 'done' ? instantOf(initial.at) : undefined]);
  const dashDuty = state.duties['dash-assessment'];
  const dashAttemptedAt =
    instantOf(state.dash?.at) ?? (dashDuty?.status === 'done' ? instantOf(dashDuty.at) : undefined);
  const consent = latestConsent(state.consents ?? [], 'specialist-support-referral');
  const specialist = state.duties['specialist-support-referral'];
  const specialistReferralOfferedAt =
    instantOf(specialist?.referral?.madeAt) ?? (specialist?.status === 'done' ? instantOf(specialist.at) : undefined);
  const rhythm = clockOf(state.agreedContactRhythm);
  const holdingPauses = (state.holdingPauses ?? []).flatMap((p) => {
    const from = instantOf(p.from);
    if (!from) return [];
    const to = instantOf(p.to);
    return [to ? { from, to } : { from }];
  });
  return {
    ...(firstContactAt ? { firstContactAt } : {}),
    contacts,
    ...(rhythm ? { agreedContactRhythm: rhythm } : {}),
    ...(dashAttemptedAt ? { dashAttemptedAt } : {}),
    ...(consent ? { consentToSpecialistReferral: consent.decision === 'given' } : {}),
    ...(specialistReferralOfferedAt ? { specialistReferralOfferedAt } : {}),
    maracReferrals: instantsOf(state.maracReferrals),
    holdingPauses,
    ...withDefined('reportedBy', oneOf(REPORTED_BY, state.facts.reportedBy)),
    ...withDefined('safeContact', oneOf(SAFE_CONTACT_STANDINGS, state.facts.safeContact)),
  };
}

/**
 * The figures an association reports (001 §7 performance indicators, 000 holding area and quarterly
 * themes, DOMAIN "Measures"). Aggregate counts only: nothing here identifies a person or a case.
 */
import type { AssociationConfig } from './association.js';
import type { CaseStatus, RiskLevel } from './case.js';
import { type REPORTED_BY, RISK_LEVELS } from './case.js';
import type { Clock, Nation } from './clock-schema.js';
import { londonDatePlus, londonWallClock } from './clocks.js';
import type { SafeContactStanding } from './contact-plan.js';
import { ABUSE_TYPES } from './report.js';
import { holdingDeadline } from './rules/holding-area.js';

export type AbuseType = (typeof ABUSE_TYPES)[number];

/** The facts about one case that the figures need; all instants are ISO strings. */
export interface FiguresCase {
  reportedAt: string;
  status: CaseStatus;
  closedAt?: string;
  /** Local authority area id; absent counts as 'not recorded'. */
  area?: string;
  abuseTypes: AbuseType[];
  /** First contact with the reporter or victim; when absent the earliest of `contacts` is used. */
  firstContactAt?: string;
  /** Contacts with the victim. Any order. */
  contacts: string[];
  dashAttemptedAt?: string;
  consentToSpecialistReferral?: boolean;
  specialistReferralOfferedAt?: string;
  maracReferrals: string[];
  /** Pauses of the holding-area clock for statutory or legal action (000); `to` absent while paused. */
  holdingPauses: { from: string; to?: string }[];
  risk: RiskLevel;
  /** A contact rhythm agreed with the victim instead of the policy's (001 §7 "unless expressly agreed otherwise"). */
  agreedContactRhythm?: Clock;
  /** Who made the report; absent counts as 'not recorded'. */
  reportedBy?: (typeof REPORTED_BY)[number];
  /** Whether a safe way to reach the victim is known now; absent counts as known. */
  safeContact?: SafeContactStanding;
}

/** A reporting period: London calendar dates, both inclusive, e.g. 2026-04-01 to 2027-03-31. */
export interface FiguresPeriod {
  from: string;
  to: string;
}

/** The association's clocks that the figures measure against (from its config). */
export interface FiguresRules {
  initialContact?: Clock;
  regularContact?: Clock;
  holdingArea?: Clock;
  nation: Nation;
}

/** The clocks the figures measure against, from the association's config. */
export function figuresRulesOf(config: Pick<AssociationConfig, 'nation' | 'clocks'>): FiguresRules {
  const { initialContact, regularContact, holdingArea } = config.clocks;
  return {
    nation: config.nation,
    ...(initialContact ? { initialContact } : {}),
    ...(regularContact ? { regularContact } : {}),
    ...(holdingArea ? { holdingArea } : {}),
  };
}

/** Computes a clock's deadline (clocks.ts `deadline`). */
export type DeadlineFn = (start: Date, clock: Clock, nation: Nation) => Date;

/** Part of a whole; `percentage` (one decimal place) is null when there is nothing to measure. */
export interface Share {
  numerator: number;
  denominator: number;
  percentage: number | null;
}

/** The figures for one period, as at `asAt`. A measure whose clock the association does not set is null. */
export interface Figures {
  period: FiguresPeriod;
  asAt: string;
  /** Every report received in the period, signposted ones included. */
  reportsReceived: number;
  /** Reports received in the period that became cases (not signposted): the base of every share. */
  cases: number;
  initialContactWithinClock: Share | null;
  dashAttempted: Share;
  contactAtLeastFortnightly: Share | null;
  specialistReferralOfferedWhereConsent: Share;
  /** Open cases (whenever reported) past the holding-area clock at `asAt`, paused time left out. */
  openOverHoldingLimit: { over: number; open: number } | null;
  /** MARAC referrals made in the period, across all cases. */
  maracReferrals: number;
  /** Reports received in the period by area, by abuse type (a report may count under several), by quarter, by risk. */
  byArea: Record<string, number>;
  byAbuseType: Record<AbuseType, number>;
  byQuarter: Record<string, number>;
  byRisk: Record<RiskLevel, number>;
  /** Reports received in the period by who made them: the victim, someone else, or not recorded (older cases). */
  byReporter: Record<(typeof REPORTED_BY)[number] | typeof NOT_RECORDED, number>;
  /** Open cases (whenever reported) where no safe way to reach the victim is known, or none may be direct, at `asAt`. */
  openWithoutSafeWay: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const NOT_RECORDED = 'not recorded' as const;

const share = (numerator: number, denominator: number): Share => ({
  numerator,
  denominator,
  percentage: denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10,
});

/** The epoch milliseconds of an ISO instant (parsed as `new Date` does), refused when it is not a date. */
function instant(iso: string, field: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`figures: ${field} is not a date`);
  return t;
}

/**
 * The UK financial quarter of a London date: the year runs 1 April to 31 March and is labelled by
 * both calendar years ('2026-27'); Q1 is April–June, Q2 July–September, Q3 October–December,
 * Q4 January–March. So 2026-11-05 is '2026-27 Q3' and 2027-02-01 is '2026-27 Q4'.
 */
export function financialQuarter(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const start = month >= 4 ? year : year - 1;
  const q = month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')} Q${q}`;
}

/** Every financial quarter label that overlaps the period, in order. */
function quartersOf(period: FiguresPeriod): string[] {
  const labels: string[] = [];
  let y = Number(period.from.slice(0, 4));
  let m = Number(period.from.slice(5, 7));
  const endLabel = financialQuarter(period.to);
  for (;;) {
    const label = financialQuarter(`${y}-${String(m).padStart(2, '0')}-01`);
    if (labels.at(-1) !== label) labels.push(label);
    if (label === endLabel) return labels;
    m += 3;
    if (m > 12) {
      m -= 12;
      y += 1;
    }
  }
}

/** Contact never went longer than the clock: report → contacts → closure (or now), each within the clock of the one before. */
function contactKeptUp(c: FiguresCase, start: number, contacts: number[], clock: Clock, rules: Counting) {
  const { now } = rules;
  const end = c.status === 'closed' && c.closedAt ? Math.min(instant(c.closedAt, 'closedAt'), now) : now;
  const points = contacts.filter((t) => t > start && t < end).sort((a, b) => a - b);
  points.push(end);
  let last = start;
  for (const t of points) {
    if (t > rules.deadline(new Date(last), clock, rules.nation).getTime()) return false;
    last = t;
  }
  return true;
}

/** Whether the first contact came within the clock; undefined while the clock still runs with no contact yet. */
function initialContactMet(c: FiguresCase, start: number, contacts: number[], clock: Clock, rules: Counting) {
  const dueAt = rules.deadline(new Date(start), clock, rules.nation).getTime();
  let first = c.firstContactAt ? instant(c.firstContactAt, 'contacts') : Infinity;
  for (const t of contacts) first = Math.min(first, t);
  if (first === Infinity) return dueAt > rules.now ? undefined : false;
  return first <= dueAt;
}

/** What the clocks are counted with, and the instant they are measured at. */
type Counting = { deadline: DeadlineFn; nation: Nation; now: number };

/** The period's quarters with the instant each starts (London midnight on its first day), oldest first. */
function quarterStarts(period: FiguresPeriod): { label: string; startMs: number }[] {
  return quartersOf(period).map((label) => {
    const year = Number(label.slice(0, 4));
    const month = [4, 7, 10, 1][Number(label.slice(-1)) - 1] as number;
    const first = `${month === 1 ? year + 1 : year}-${String(month).padStart(2, '0')}-01`;
    return { label, startMs: londonWallClock(first, 0, 0, 0).getTime() };
  });
}

/**
 * Computes the reported figures for a period (001 §7, 000). Shares are over the cases reported in
 * the period (signposted reports are not cases). A case still inside its initial-contact clock with
 * no contact yet is left out of that share: it has neither met nor missed it. An instant is in the
 * period (or a quarter) when it is at or after the London midnight starting it and before the one
 * ending it, so no instant needs its London date; each instant of a case is parsed once.
 */
export function computeFigures(
  cases: FiguresCase[],
  period: FiguresPeriod,
  rules: FiguresRules,
  now: Date,
  deadline: DeadlineFn,
): Figures {
  if (!ISO_DATE.test(period.from) || !ISO_DATE.test(period.to))
    throw new Error('figures: period.from and period.to must be dates (YYYY-MM-DD)');
  if (period.from > period.to) throw new Error('figures: period.from must not be after period.to');
  const fromMs = londonWallClock(period.from, 0, 0, 0).getTime();
  const toMs = londonWallClock(londonDatePlus(period.to, 1), 0, 0, 0).getTime();
  const inPeriod = (iso: string, field: string) => {
    const t = instant(iso, field);
    return t >= fromMs && t < toMs;
  };
  const nowMs = now.getTime();
  const counting: Counting = { deadline, nation: rules.nation, now: nowMs };

  const received: FiguresCase[] = [];
  const receivedAt: number[] = [];
  for (const c of cases) {
    const t = instant(c.reportedAt, 'reportedAt');
    if (t < fromMs || t >= toMs) continue;
    received.push(c);
    receivedAt.push(t);
  }
  const real = received.filter((c) => c.status !== 'signposted');

  const { initialContact, regularContact } = rules;
  let met = 0;
  let due = 0;
  let kept = 0;
  if (initialContact || regularContact) {
    received.forEach((c, i) => {
      if (c.status === 'signposted') return;
      const start = receivedAt[i] as number;
      const contacts = c.contacts.map((iso) => instant(iso, 'contacts'));
      const first = initialContact && initialContactMet(c, start, contacts, initialContact, counting);
      if (first !== undefined && first !== false) met++;
      if (initialContact && first !== undefined) due++;
      const rhythm = c.agreedContactRhythm ?? regularContact;
      if (regularContact && rhythm && contactKeptUp(c, start, contacts, rhythm, counting)) kept++;
    });
  }
  const initialContactWithinClock = initialContact ? share(met, due) : null;
  const contactAtLeastFortnightly = regularContact ? share(kept, real.length) : null;

  const consenting = real.filter((c) => c.consentToSpecialistReferral === true);

  let openOverHoldingLimit: Figures['openOverHoldingLimit'] = null;
  if (rules.holdingArea) {
    const clock = rules.holdingArea;
    const open = cases.filter((c) => c.status === 'open');
    const over = open.filter((c) => {
      instant(c.reportedAt, 'reportedAt');
      for (const p of c.holdingPauses) {
        instant(p.from, 'holdingPauses.from');
        if (p.to) instant(p.to, 'holdingPauses.to');
      }
      // The one holding-area rule (clock-plan.ts), paused time left out.
      return nowMs > holdingDeadline(c, clock, rules.nation, now, deadline).deadline.getTime();
    }).length;
    openOverHoldingLimit = { over, open: open.length };
  }

  const byArea: Record<string, number> = {};
  const byAbuseType = Object.fromEntries(ABUSE_TYPES.map((t) => [t, 0])) as Record<AbuseType, number>;
  const byQuarter: Record<string, number> = Object.fromEntries(quartersOf(period).map((q) => [q, 0]));
  const byRisk = Object.fromEntries(RISK_LEVELS.map((r) => [r, 0])) as Record<RiskLevel, number>;
  const byReporter = { victim: 0, 'someone-else': 0, [NOT_RECORDED]: 0 } as Figures['byReporter'];
  const quarters = quarterStarts(period);
  received.forEach((c, i) => {
    byReporter[c.reportedBy ?? NOT_RECORDED] += 1;
    const area = c.area ?? NOT_RECORDED;
    byArea[area] = (byArea[area] ?? 0) + 1;
    const types = c.abuseTypes;
    types.forEach((t, i) => {
      if (types.indexOf(t) === i) byAbuseType[t] += 1; // a type listed twice counts once
    });
    const at = receivedAt[i] as number;
    const q = quarters.findLast((x) => x.startMs <= at)?.label as string; // the period's first quarter starts by `from`
    byQuarter[q] = (byQuarter[q] ?? 0) + 1;
    byRisk[c.risk] += 1;
  });

  let maracReferrals = 0;
  for (const c of cases) for (const r of c.maracReferrals) if (inPeriod(r, 'maracReferrals')) maracReferrals++;
  return {
    period: { ...period },
    asAt: now.toISOString(),
    reportsReceived: received.length,
    cases: real.length,
    initialContactWithinClock,
    dashAttempted: share(real.filter((c) => c.dashAttemptedAt !== undefined).length, real.length),
    contactAtLeastFortnightly,
    specialistReferralOfferedWhereConsent: share(
      consenting.filter((c) => c.specialistReferralOfferedAt !== undefined).length,
      consenting.length,
    ),
    openOverHoldingLimit,
    maracReferrals,
    byArea,
    byAbuseType,
    byQuarter,
    byRisk,
    byReporter,
    openWithoutSafeWay: cases.filter((c) => c.status === 'open' && (c.safeContact ?? 'known') !== 'known').length,
  };
}

/** One CSV field, quoted per RFC 4180; text that a spreadsheet would run as a formula is made inert. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The figures as CSV (RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted,
 * quotes doubled). Columns: figure, group, value, numerator, denominator. A share's value is its
 * percentage; for open cases over the holding limit the value is the count over and the
 * denominator the open cases. A measure the association does not set has the value 'not measured'.
 */
export function figuresToCsv(f: Figures): string {
  type Row = [string, string, string | number | null, number | null, number | null];
  const rows: Row[] = [
    ['period from', '', f.period.from, null, null],
    ['period to', '', f.period.to, null, null],
    ['as at', '', f.asAt, null, null],
    ['reports received', '', f.reportsReceived, null, null],
    ['cases', '', f.cases, null, null],
  ];
  const addShare = (name: string, s: Share | null) =>
    rows.push(s ? [name, '', s.percentage, s.numerator, s.denominator] : [name, '', 'not measured', null, null]);
  addShare('initial contact within clock (%)', f.initialContactWithinClock);
  addShare('DASH attempted and recorded (%)', f.dashAttempted);
  addShare('contact at least fortnightly (%)', f.contactAtLeastFortnightly);
  addShare('offered specialist referral where consent given (%)', f.specialistReferralOfferedWhereConsent);
  rows.push(
    f.openOverHoldingLimit
      ? ['open cases over holding limit', '', f.openOverHoldingLimit.over, null, f.openOverHoldingLimit.open]
      : ['open cases over holding limit', '', 'not measured', null, null],
  );
  rows.push(['MARAC referrals', '', f.maracReferrals, null, null]);
  for (const [k, v] of Object.entries(f.byArea)) rows.push(['reports by area', k, v, null, null]);
  for (const [k, v] of Object.entries(f.byAbuseType)) rows.push(['reports by abuse type', k, v, null, null]);
  for (const [k, v] of Object.entries(f.byQuarter)) rows.push(['reports by quarter', k, v, null, null]);
  for (const [k, v] of Object.entries(f.byRisk)) rows.push(['reports by risk', k, v, null, null]);
  for (const [k, v] of Object.entries(f.byReporter)) rows.push(['reports by who made them', k, v, null, null]);
  rows.push(['open cases with no safe way to reach the victim', '', f.openWithoutSafeWay, null, null]);
  const header = ['figure', 'group', 'value', 'numerator', 'denominator'];
  return `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

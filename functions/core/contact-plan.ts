/**
 * The safe-contact plan (004 §7.3, 003, 000): the ways the person experiencing abuse may be reached,
 * each with its number or address, safe times, and what is safe to do on it; or no direct contact at
 * all. Every agreement is a new version, kept with who agreed it and who recorded it; the victim's own
 * latest word wins over anything a reporter or agency said later.
 */
import * as z from 'zod/mini';
import { contactWindowSchema } from './contact-window.js';
import { freeText, type Report, safeContactSource } from './report.js';
import './zod-en.js';

/** The ways a plan can allow: direct to the victim, or through a named agency or the reporter. */
export const CONTACT_WAYS = ['phone', 'text', 'email', 'letter', 'in-person', 'agency', 'reporter'] as const;
export type ContactWay = (typeof CONTACT_WAYS)[number];
/** Ways that reach the victim themselves, which "no direct contact" rules out. */
export const DIRECT_WAYS: readonly ContactWay[] = ['phone', 'text', 'email', 'letter', 'in-person'];
const oneLine = (max: number) => freeText(max).check(z.refine((s) => !/[\r\n]/.test(s), 'must be on one line'));

/** One agreed way of making contact and what is safe on it. */
export const contactWaySchema = z.strictObject({
  way: z.enum(CONTACT_WAYS),
  phone: z.optional(oneLine(30)),
  email: z.optional(z.email().check(z.maxLength(254))),
  address: z.optional(freeText(300)),
  /** The agency contact goes through (for `agency`). */
  agency: z.optional(oneLine(120)),
  /** When it is safe (London); empty means any time. */
  windows: z._default(z.array(contactWindowSchema).check(z.maxLength(14)), []),
  voicemailSafe: z._default(z.boolean(), false),
  mayIdentifyUs: z._default(z.boolean(), false),
  mayBeWatched: z._default(z.boolean(), false),
});
export type ContactWayPlan = z.infer<typeof contactWaySchema>;

const NEEDS: Partial<Record<ContactWay, { field: 'phone' | 'email' | 'address' | 'agency'; words: string }>> = {
  phone: { field: 'phone', words: 'is needed to phone' },
  text: { field: 'phone', words: 'is needed to text' },
  email: { field: 'email', words: 'is needed to email' },
  letter: { field: 'address', words: 'is needed to write' },
  agency: { field: 'agency', words: 'must name the agency' },
};

/** A newly agreed plan as staff record it. */
export const contactPlanInputSchema = z
  .strictObject({
    noDirectContact: z._default(z.boolean(), false),
    ways: z._default(z.array(contactWaySchema).check(z.maxLength(CONTACT_WAYS.length)), []),
    codeWord: z.optional(oneLine(60)),
    /** What was agreed in the officer's words, e.g. "only after she drops the children at school". */
    notes: z.optional(freeText(1000)),
    agreedWith: z.enum(['victim', 'reporter', 'agency']),
    agreedAt: z.optional(z.iso.datetime({ offset: true })),
  })
  .check(
    z.superRefine((p, ctx) => {
      const seen = new Set<ContactWay>();
      p.ways.forEach((w, i) => {
        if (seen.has(w.way)) ctx.addIssue({ code: 'custom', path: ['ways', i, 'way'], message: 'is given twice' });
        seen.add(w.way);
        const need = NEEDS[w.way];
        if (need && !w[need.field])
          ctx.addIssue({ code: 'custom', path: ['ways', i, need.field], message: need.words });
        if (p.noDirectContact && DIRECT_WAYS.includes(w.way))
          ctx.addIssue({
            code: 'custom',
            path: ['ways', i, 'way'],
            message: 'must be through an agency or the reporter when there is to be no direct contact',
          });
      });
    }),
  );
export type ContactPlanInput = z.infer<typeof contactPlanInputSchema>;

/** One version of the plan as stored (encrypted with the case). */
export interface ContactPlanVersion extends Omit<ContactPlanInput, 'agreedAt'> {
  version: number;
  agreedAt: string;
  recordedAt: string;
  /** Staff subject, or 'report' for the version the report gave. */
  recordedBy: string;
  source: 'report' | 'staff';
  /** Safe times as the reporter typed them, for the officer to read (not machine-checked). */
  safeTimesText?: string;
}

const FROM_METHOD = {
  phone: 'phone',
  text: 'text',
  email: 'email',
  letter: 'letter',
  'in-person': 'in-person',
  'through-reporter': 'reporter',
} as const satisfies Record<NonNullable<Report['safeContact']['method']>, ContactWay>;

/** Version 1: what the report said of the victim's safe contact, agreed by whoever gave it. */
export function planFromReport(report: Report, at: string): ContactPlanVersion {
  const sc = report.safeContact;
  const base = {
    version: 1,
    agreedWith: safeContactSource(report),
    agreedAt: at,
    recordedAt: at,
    recordedBy: 'report',
    source: 'report' as const,
    ...(sc.codeWord ? { codeWord: sc.codeWord } : {}),
    ...(sc.safeTimes ? { safeTimesText: sc.safeTimes } : {}),
  };
  if (sc.noContact) return { ...base, noDirectContact: true, ways: [] };
  const safety = {
    windows: sc.windows,
    voicemailSafe: sc.voicemailSafe,
    mayIdentifyUs: sc.mayIdentifyUs,
    mayBeWatched: sc.mayBeWatched,
  };
  const address = report.person.address ? { address: report.person.address } : {};
  const ways: ContactWayPlan[] = [];
  if (sc.method) {
    const way = FROM_METHOD[sc.method];
    ways.push({
      way,
      ...safety,
      ...(sc.phone && (way === 'phone' || way === 'text') ? { phone: sc.phone } : {}),
      ...(sc.email && way === 'email' ? { email: sc.email } : {}),
      ...(way === 'letter' ? address : {}),
    });
  }
  // "Letters safe" with an address is a second way, whatever the first one is.
  if (sc.letterSafe && sc.method !== 'letter' && report.person.address)
    ways.push({ way: 'letter', ...safety, ...address });
  return { ...base, noDirectContact: false, ways };
}

/** The plan in force: the latest the victim agreed, or, when they never have, the latest of any. */
export function currentPlan(versions: readonly ContactPlanVersion[]): ContactPlanVersion | undefined {
  const latest = (list: readonly ContactPlanVersion[]) =>
    [...list].sort((a, b) => a.agreedAt.localeCompare(b.agreedAt) || a.version - b.version).at(-1);
  return latest(versions.filter((v) => v.agreedWith === 'victim')) ?? latest(versions);
}

/** The plan that was in force at `at` (ISO): the same rule, over the versions agreed by then. */
export function planInForceAt(versions: readonly ContactPlanVersion[], at: string): ContactPlanVersion | undefined {
  return currentPlan(versions.filter((v) => Date.parse(v.agreedAt) <= Date.parse(at)));
}

/** Where the plan leaves first contact: a way is known (direct or through someone), none is, or none may be direct. */
export const SAFE_CONTACT_STANDINGS = ['known', 'none-known', 'no-direct-contact'] as const;
export type SafeContactStanding = (typeof SAFE_CONTACT_STANDINGS)[number];

/** The plan's standing: any agreed way, even through an agency or the reporter, is 'known'. */
export function safeContactStanding(plan: ContactPlanVersion | undefined): SafeContactStanding {
  if (plan && plan.ways.length > 0) return 'known';
  return plan?.noDirectContact ? 'no-direct-contact' : 'none-known';
}

/** A new version after `versions`, recorded now by `actor`. */
export function nextPlanVersion(
  versions: readonly ContactPlanVersion[],
  input: ContactPlanInput,
  recorded: { at: string; by: string },
): ContactPlanVersion {
  const version = versions.reduce((n, v) => Math.max(n, v.version), 0) + 1;
  const { agreedAt, ...rest } = input;
  return {
    ...rest,
    version,
    agreedAt: agreedAt ?? recorded.at,
    recordedAt: recorded.at,
    recordedBy: recorded.by,
    source: 'staff',
  };
}

/**
 * First contact when no safe way to reach the victim is known, or they asked for no direct contact
 * (DOMAIN.md "Reporter, victim, and how to reach the victim safely"; the case's `facts.safeContact`,
 * contact-plan.ts). A clock that needs a way to reach the victim must never silently breach for want
 * of one. Each association's `firstContactWithoutSafeWay` (config/README.md says which policy text
 * supports which) chooses:
 *
 * - 'decide-safe-contact': the clocks that need a safe way (initial contact, regular contact) wait,
 *   and the duty decide-safe-contact, with its own clock `clocks.decideSafeContact` from the report,
 *   is to decide how to make contact safely: through the reporter, an agency (an IDVA, a refuge) or
 *   MARAC (004 §7.3, §7.5.1, §7.6.3). It escalates like any other clock.
 * - 'keep-initial-contact': the policy says every case gets its initial contact within its time
 *   (003 "in all reported cases", 001 §7 "100% of cases"), so the initial-contact clock keeps running
 *   from the report; decide-safe-contact is listed beside it, without a clock of its own, so the
 *   officer sees that the first contact is to be made another way.
 *
 * Once a safe way is known (`facts.safeContact` 'known' again, e.g. staff record a plan through an
 * agency), the waiting clocks run again as they always would: initial contact from the report, regular
 * contact from the last contact. Every policy counts first contact from the report (004 §7.5.1 "within
 * 24 hours of the report being made", 001 §7 "of receiving disclosure", 003) and so does the figure of
 * initial contact within its time; so the time deciding took is not given back, and a way found after
 * the initial-contact deadline leaves initial contact overdue at once, escalated as any breach.
 * The decide clock, like first contact, counts from the report; it does not run once initial contact is
 * done or closed off (a plan changed later to no direct contact has nothing left to decide in time).
 */
import type { SafeContactStanding } from '../contact-plan.js';
import type { Duty } from '../duties.js';

// The config's and the case's shapes are written out here: association.ts asks this rule about a config.
/** What the association does when no safe way is known: see the module comment. */
export const FIRST_CONTACT_WITHOUT_SAFE_WAY = ['decide-safe-contact', 'keep-initial-contact'] as const;
export type FirstContactWithoutSafeWay = (typeof FIRST_CONTACT_WITHOUT_SAFE_WAY)[number];

/** The duties whose clocks need a way to reach the victim: they wait under 'decide-safe-contact'. */
export const NEEDS_A_SAFE_WAY: readonly Duty[] = ['initial-contact', 'regular-contact'];
/** The duty that decides how to make contact safely. */
export const DECIDE_SAFE_CONTACT = 'decide-safe-contact' satisfies Duty;

type SafeWayFacts = { safeContact?: SafeContactStanding | undefined };
type SafeWayConfig = {
  firstContactWithoutSafeWay: FirstContactWithoutSafeWay;
  duties: Partial<Record<Duty, unknown>>;
  clocks: { initialContact?: unknown; regularContact?: unknown; decideSafeContact?: unknown };
};
type DutyStates = Partial<Record<Duty, { status: 'open' | 'done' | 'no-further-action' }>>;

/** Words the console and the case view show, kept with the rule. */
export const SAFE_WAY_WORDS = {
  duty: 'Decide how to make contact safely',
  clock: 'Decide how to make contact safely',
  /** Added to the reason of a duty whose clock waits. */
  waiting:
    'No safe way to reach the victim is known yet: its clock waits while how to make contact safely is decided, and runs again once a safe way is known, still counted from the report (regular contact: from the last contact).',
  standing: {
    'none-known': 'No safe way to reach the victim is known',
    'no-direct-contact': 'No direct contact with the victim: only through the reporter, an agency or MARAC',
  },
} as const;

/** Whether the case has no safe way to reach the victim (none known, or no direct contact); absent reads as known. */
export function noSafeWayKnown(facts: SafeWayFacts): boolean {
  return (facts.safeContact ?? 'known') !== 'known';
}

/** Whether a duty's clocks wait for a safe way: the association decides first, the duty needs one, none is known. */
export function clockWaitsForSafeWay(duty: Duty, facts: SafeWayFacts, config: SafeWayConfig): boolean {
  return (
    config.firstContactWithoutSafeWay === 'decide-safe-contact' &&
    NEEDS_A_SAFE_WAY.includes(duty) &&
    noSafeWayKnown(facts)
  );
}

/** When the decide clock starts: the report, like first contact; undefined once initial contact is done or closed off. */
export function decideClockStart(state: { reportedAt: string; duties: DutyStates }): string | undefined {
  const initial = state.duties['initial-contact']?.status;
  return initial === 'done' || initial === 'no-further-action' ? undefined : state.reportedAt;
}

/** What is wrong with a config's choice, each with the config path it is about (empty when nothing is). */
export function safeWayConfigProblems(cfg: SafeWayConfig): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const waiting = NEEDS_A_SAFE_WAY.filter((d) => cfg.duties[d]);
  if (cfg.firstContactWithoutSafeWay === 'keep-initial-contact') {
    if (cfg.clocks.decideSafeContact)
      problems.push({
        path: ['clocks', 'decideSafeContact'],
        message: 'must not be set with "keep-initial-contact": the initial-contact clock keeps the time',
      });
    return problems;
  }
  if (waiting.length > 0 && !cfg.duties[DECIDE_SAFE_CONTACT])
    problems.push({
      path: ['duties', DECIDE_SAFE_CONTACT],
      message: `is required with "decide-safe-contact": ${waiting.join(' and ')} wait for it when no safe way is known`,
    });
  if (cfg.clocks.initialContact && !cfg.clocks.decideSafeContact)
    problems.push({
      path: ['clocks', 'decideSafeContact'],
      message:
        'is required with "decide-safe-contact" and an initial-contact clock: first contact must not lose its time limit',
    });
  return problems;
}

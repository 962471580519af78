import type { AssociationConfig, ClockName, Service } from './association.js';
import type { CaseFacts } from './case.js';
import type { ConsentRule, Duty, OverrideBasis, StaffRole } from './duties.js';
import { CLOCK_DUTY } from './duties.js';
import { emergencyWorksApply } from './rules/emergency-works.js';
import { namesCheckAgency, namesCheckWhy } from './rules/kirklees-refuge.js';
import { clockWaitsForSafeWay, DECIDE_SAFE_CONTACT, noSafeWayKnown, SAFE_WAY_WORDS } from './rules/no-safe-contact.js';

/** One thing a case requires: who owns it, which clocks keep it, and what consent it needs. */
export interface RequiredAction {
  duty: Duty;
  owner: StaffRole;
  clocks: ClockName[];
  consent: ConsentRule;
  /** The grounds on which it may go ahead without consent (empty unless consent is 'required-unless-override'). */
  overrideBases: OverrideBasis[];
  /** Why the case requires it, in plain words with the seed reference. */
  why: string;
  /** Set when the duty's clocks wait for another duty: no safe way to reach the victim is known (rules/no-safe-contact.ts). */
  clocksWaitFor?: Duty;
  /** The agency the action goes to, where config names one (the area's names-check agency: NKWR for Kirklees). */
  agency?: Service;
}

/** One routing rule: a DOMAIN.md "Routing" line, or a duty every open case carries. */
interface Rule {
  duty: Duty;
  applies: (facts: CaseFacts, config: AssociationConfig) => boolean;
  consent: ConsentRule;
  overrideBases: OverrideBasis[];
  why: string;
  /** The agency config names for it, which its words then name too. */
  agency?: (facts: CaseFacts, config: AssociationConfig) => Service | undefined;
  agencyWhy?: (agency: Service) => string;
}

const always = () => true;
const SAFEGUARDING: OverrideBasis[] = ['safeguarding-concern', 'protect-the-victim', 'prevent-harm-to-others'];

/** The routing rules, one per DOMAIN.md "Routing" line, plus the duties every case carries. */
export const ROUTING_RULES: readonly Rule[] = [
  {
    duty: 'advise-emergency-services',
    applies: (f) => f.immediateDanger,
    consent: 'not-needed',
    overrideBases: [],
    why: 'The person is in immediate danger: advise them to call 999 at once, or call on their behalf (002 §6, 003, 004 §7.4.3).',
  },
  {
    duty: 'initial-contact',
    applies: always,
    consent: 'not-needed',
    overrideBases: [],
    why: 'Every case gets a first contact with the reporter or victim (004 §7.5.1, 003, 001 §7).',
  },
  {
    duty: DECIDE_SAFE_CONTACT,
    applies: noSafeWayKnown,
    consent: 'not-needed',
    overrideBases: [],
    why: 'No safe way to reach the victim is known, or they asked for no direct contact: decide how to make contact safely, through the reporter, an agency (an IDVA, a refuge) or MARAC, and record the way agreed (004 §7.3, §7.5.1, §7.6.3).',
  },
  {
    duty: 'agree-safe-contact',
    applies: always,
    consent: 'not-needed',
    overrideBases: [],
    why: 'Agree with the person how future contact can be made safely (004 §7.3).',
  },
  {
    duty: 'safeguarding-log',
    applies: always,
    consent: 'not-needed',
    overrideBases: [],
    why: 'Every disclosure is logged on the internal safeguarding hub (002 §6).',
  },
  {
    duty: 'local-authority-report',
    applies: always,
    consent: 'required-unless-override',
    overrideBases: [...SAFEGUARDING, 'prevent-or-detect-crime', 'legal-request'],
    why: 'Domestic abuse concerns are reported to the Local Authority in line with its guidelines (000).',
  },
  {
    duty: 'cqc-notification',
    applies: (f, c) => c.services.registeredCare && (f.receivesRegisteredCare || f.perpetratorHasCareNeeds),
    consent: 'not-needed',
    overrideBases: [],
    why: 'The resident receives a registered care service, or the alleged perpetrator has care and support needs: notify CQC, a regulatory duty (000).',
  },
  {
    duty: 'dash-assessment',
    applies: always,
    consent: 'not-needed',
    overrideBases: [],
    why: 'Attempt a DASH risk assessment with the victim and record it; repeat it after a new incident or a change in risk (002 §6, 001 §7).',
  },
  {
    duty: 'marac-referral',
    applies: (f) => f.risk === 'high',
    consent: 'required-unless-override',
    overrideBases: ['marac-threshold'],
    why: "High risk: refer to the MARAC for the victim's area (002 §6, 004 §7.4.4).",
  },
  {
    duty: 'refuge-names-check',
    applies: (f, c) => namesCheckAgency(f, c) !== undefined,
    consent: 'required-unless-override',
    overrideBases: ['safeguarding-concern', 'marac-threshold'],
    why: "The area's policy is to give every case's names to its refuge, who check with MARAC (002 §6, Kirklees).",
    agency: namesCheckAgency,
    agencyWhy: namesCheckWhy,
  },
  {
    duty: 'specialist-support-referral',
    applies: (f) => f.risk === 'standard' || f.risk === 'medium',
    consent: 'required',
    overrideBases: [],
    why: 'Not high risk: offer referrals to specialist support, made only with consent (004 §7.4.5, 001 §7).',
  },
  {
    duty: 'childrens-social-care-referral',
    applies: (f) => f.children,
    consent: 'required-unless-override',
    overrideBases: ['safeguarding-concern', 'prevent-harm-to-others'],
    why: "Children in the household: refer to children's social care, usually with the parent's knowledge unless that would put a child at risk (002 §6, 003, 004 §7.6.7).",
  },
  {
    duty: 'adult-safeguarding-referral',
    applies: (f) => f.vulnerableAdult || f.multipleSafeguardingIssues,
    consent: 'required-unless-override',
    overrideBases: SAFEGUARDING,
    why: 'The victim is a vulnerable adult, or there is more than one safeguarding issue: refer to adult safeguarding (002 §6, 004 §7.6.4).',
  },
  {
    duty: 'elder-abuse-safeguarding-referral',
    applies: (f) => f.elderAbuse,
    consent: 'required-unless-override',
    overrideBases: SAFEGUARDING,
    why: 'Evidence of elder abuse: refer to the appropriate safeguarding agency (003).',
  },
  {
    duty: 'police-referral-modern-slavery',
    applies: (f) => f.suspectedModernSlavery,
    consent: 'required-unless-override',
    overrideBases: ['prevent-or-detect-crime', 'protect-the-victim', 'prevent-harm-to-others'],
    why: 'Suspected modern slavery, such as coerced financial exploitation: refer the concern to the police (004 §7.8.3).',
  },
  {
    duty: 'mappa-liaison',
    applies: (f) => f.mappaCriteriaMet,
    consent: 'required-unless-override',
    overrideBases: ['prevent-harm-to-others', 'prevent-or-detect-crime', 'protect-the-victim'],
    why: 'MAPPA criteria are met or MAPPA told us: liaise with MAPPA (004 §7.7.2).',
  },
  {
    duty: 'staff-safety-marker',
    applies: (f) => f.riskToStaff || f.pathway === 'resident-is-perpetrator',
    consent: 'not-needed',
    overrideBases: [],
    why: 'Risk to colleagues visiting: put a marker on the housing record and follow lone-working rules (002 §6).',
  },
  {
    duty: 'joint-tenancy-legal-advice',
    applies: (f) => f.jointTenancyWithPerpetrator,
    consent: 'not-needed',
    overrideBases: [],
    why: 'The perpetrator is a joint tenant: signpost the victim to fast legal advice, e.g. NCDV (004 §7.4.11).',
  },
  {
    duty: 'emergency-security-works',
    applies: emergencyWorksApply,
    consent: 'required',
    overrideBases: [],
    why: 'A violent incident and the victim wants to stay: secure the home, unless an agency already has (004 §7.4.7-9).',
  },
  {
    duty: 'safety-plan',
    applies: always,
    // The consent here governs sharing the plan: explicit consent, or a legal request (000).
    consent: 'required-unless-override',
    overrideBases: ['legal-request'],
    why: 'Support the victim to make a safety plan, kept securely and shared only with explicit consent or on a legal request (000, 002 §6).',
  },
  {
    duty: 'regular-contact',
    applies: always,
    consent: 'not-needed',
    overrideBases: [],
    why: 'Stay in contact with the victim, at least every 14 days unless agreed otherwise (001 §7, 004 §7.5.4).',
  },
  {
    duty: 'case-resolved',
    applies: always,
    consent: 'not-needed',
    overrideBases: [],
    why: 'Resolve the case out of the holding area within 21 days unless statutory or legal action is ongoing (000).',
  },
];

/** The clocks the association configures for a duty. */
export function clocksFor(duty: Duty, config: AssociationConfig): ClockName[] {
  return (Object.keys(CLOCK_DUTY) as ClockName[]).filter(
    (c) => CLOCK_DUTY[c] === duty && config.clocks[c] !== undefined,
  );
}

/** The override bases allowed for a duty (empty when it cannot be done without consent or needs none). */
export function overrideBasesFor(duty: Duty): OverrideBasis[] {
  return [...(ROUTING_RULES.find((r) => r.duty === duty)?.overrideBases ?? [])];
}

/** The consent rule for a duty. */
export function consentRuleFor(duty: Duty): ConsentRule {
  return ROUTING_RULES.find((r) => r.duty === duty)?.consent ?? 'required';
}

/**
 * What a case requires from its facts, limited to the duties the association's policy adopts;
 * non-residents are signposted and get none. With no safe way to reach the victim, the contact
 * duties keep their place but their clocks wait where the association decides first (rules/no-safe-contact.ts).
 */
export function route(facts: CaseFacts, config: AssociationConfig): RequiredAction[] {
  if (!facts.resident) return [];
  const actions: RequiredAction[] = [];
  for (const rule of ROUTING_RULES) {
    const adopted = config.duties[rule.duty];
    if (!adopted || !rule.applies(facts, config)) continue;
    const waits = clockWaitsForSafeWay(rule.duty, facts, config);
    const agency = rule.agency?.(facts, config);
    const why = agency && rule.agencyWhy ? rule.agencyWhy(agency) : rule.why;
    actions.push({
      duty: rule.duty,
      owner: adopted.owner,
      clocks: waits ? [] : clocksFor(rule.duty, config),
      consent: rule.consent,
      overrideBases: [...rule.overrideBases],
      why: waits ? `${why} ${SAFE_WAY_WORDS.waiting}` : why,
      ...(waits ? { clocksWaitFor: DECIDE_SAFE_CONTACT } : {}),
      ...(agency ? { agency } : {}),
    });
  }
  return actions;
}

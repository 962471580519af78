/**
 * The duties a case can require. Routing (routing.ts) decides which apply to a case from its facts;
 * the association's config decides whether its policy adopts each one, who owns it and, through
 * CLOCK_DUTY, which clock keeps it.
 */
export const DUTIES = [
  'advise-emergency-services', // immediate danger: 999 / Silent Solution, or call for them (002 §6, 003, 004 §7.4.3)
  'initial-contact', // first contact with reporter/victim (004 §7.5.1, 003, 001 §7)
  'decide-safe-contact', // no safe way known, or no direct contact: decide how (rules/no-safe-contact.ts; 004 §7.3, §7.6.3)
  'safeguarding-log', // internal safeguarding hub log (002 §6)
  'local-authority-report', // report the concern to the Local Authority (000)
  'cqc-notification', // registered care service or perpetrator with care needs (000)
  'dash-assessment', // DASH attempted and recorded (002 §6, 001 §7)
  'marac-referral', // high risk (002 §6, 004 §7.4.4)
  'refuge-names-check', // area rule, e.g. Kirklees names to NKWR (002 §6)
  'specialist-support-referral', // not high risk, with consent (004 §7.4.5, 001 §7)
  'childrens-social-care-referral', // children in the household (002 §6, 003, 004 §7.6.7)
  'adult-safeguarding-referral', // vulnerable adult, or more than one safeguarding issue (002 §6, 004 §7.6.4)
  'elder-abuse-safeguarding-referral', // evidence of elder abuse (003)
  'police-referral-modern-slavery', // suspected modern slavery (004 §7.8.3)
  'mappa-liaison', // MAPPA criteria met or MAPPA told us (004 §7.7.2)
  'staff-safety-marker', // risk to colleagues visiting (002 §6)
  'joint-tenancy-legal-advice', // perpetrator is a joint tenant: signpost NCDV (004 §7.4.11)
  'emergency-security-works', // violent incident, victim stays (004 §7.4.7-9)
  'safety-plan', // safety planning (000, 002 §6)
  'agree-safe-contact', // agree how future contact is made safely (004 §7.3)
  'regular-contact', // contact at least every 14 days unless agreed otherwise (001 §7)
  'case-resolved', // out of the holding area within 21 days (000)
] as const;
export type Duty = (typeof DUTIES)[number];

/** Staff roles that own duties and receive escalations. */
export const STAFF_ROLES = ['case-officer', 'line-manager', 'operations-manager', 'safeguarding-lead'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The grounds on which something may be shared or done without the victim's consent (002 §6, 003, 004 §7.5.4, §8.3, 000). */
export const OVERRIDE_BASES = [
  'safeguarding-concern',
  'marac-threshold',
  'protect-the-victim',
  'prevent-harm-to-others',
  'prevent-or-detect-crime',
  'legal-request',
] as const;
export type OverrideBasis = (typeof OVERRIDE_BASES)[number];

/** Whether a duty needs the victim's consent: never, always, or unless an override is recorded. */
export const CONSENT_RULES = ['not-needed', 'required', 'required-unless-override'] as const;
export type ConsentRule = (typeof CONSENT_RULES)[number];

/**
 * Which duty each clock keeps: one clock, one duty; a duty may have two clocks (CQC: 24 hours, then 5
 * working days). The clocks are those of the association config (association.ts types this as a
 * `Record<ClockName, Duty>`, so a clock without its duty does not compile); here, free of schemas, so a
 * bundle that needs it does not carry the association schema.
 */
export const CLOCK_DUTY = {
  emergencyAdvice: 'advise-emergency-services',
  initialContact: 'initial-contact',
  decideSafeContact: 'decide-safe-contact',
  safeguardingLog: 'safeguarding-log',
  localAuthorityReport: 'local-authority-report',
  cqcReport: 'cqc-notification',
  cqcNotifiableLimit: 'cqc-notification',
  emergencySecurityWorks: 'emergency-security-works',
  regularContact: 'regular-contact',
  holdingArea: 'case-resolved',
} as const satisfies Record<string, Duty>;

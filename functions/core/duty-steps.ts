/**
 * What to do next about each duty, in the words an escalation email and the console give: the step,
 * where in the case to record it, and who owns it (the association's own title for the owning role).
 * Policy text only, never anything about the people in a case.
 */
import type { AssociationConfig } from './association.js';
import type { Duty, StaffRole } from './duties.js';

/** The duty's words: what it is, and the next step to take. */
const DUTY_STEPS: Record<Duty, { name: string; step: string }> = {
  'advise-emergency-services': {
    name: 'Immediate danger: advise 999',
    step: 'Advise the person to call 999 at once, or call on their behalf, then record what was done on the case (002 §6, 003, 004 §7.4.3).',
  },
  'initial-contact': {
    name: 'Initial contact',
    step: 'Make first contact with the reporter or victim the way the safe-contact plan allows, then record the contact on the case (004 §7.5.1, 003, 001 §7).',
  },
  'decide-safe-contact': {
    name: 'Decide how to make contact safely',
    step: 'Decide how to reach the victim safely (through the reporter, an agency such as an IDVA or a refuge, or MARAC) and record the safe-contact plan on the case (004 §7.3).',
  },
  'safeguarding-log': {
    name: 'Safeguarding log',
    step: 'Log the disclosure on the internal safeguarding hub, then record it as done on the case (002 §6).',
  },
  'local-authority-report': {
    name: 'Report to the Local Authority',
    step: 'Report the concern to the Local Authority (with the consent or basis recorded on the case), then record the referral (000).',
  },
  'cqc-notification': {
    name: 'CQC notification',
    step: 'Notify CQC of the incident, then record the notification on the case (000).',
  },
  'dash-assessment': {
    name: 'DASH risk assessment',
    step: 'Attempt the DASH risk assessment with the victim and record the answers on the case (002 §6).',
  },
  'marac-referral': {
    name: 'MARAC referral',
    step: "Refer the case to the MARAC for the victim's area (the route is on the case), then record the referral (002 §6, 004 §7.4.4).",
  },
  'refuge-names-check': {
    name: 'Names check with the refuge',
    step: "Give the case's names to the area's refuge named on the case, who check with MARAC, then record it (002 §6).",
  },
  'specialist-support-referral': {
    name: 'Specialist support referral',
    step: 'Offer referrals to specialist support and, with consent, make them; record the outcome on the case (004 §7.4.5).',
  },
  'childrens-social-care-referral': {
    name: "Children's social care referral",
    step: "Refer to children's social care, then record the referral on the case (002 §6, 003, 004 §7.6.7).",
  },
  'adult-safeguarding-referral': {
    name: 'Adult safeguarding referral',
    step: 'Refer to adult safeguarding, then record the referral on the case (002 §6, 004 §7.6.4).',
  },
  'elder-abuse-safeguarding-referral': {
    name: 'Elder abuse safeguarding referral',
    step: 'Refer to the appropriate safeguarding agency, then record the referral on the case (003).',
  },
  'police-referral-modern-slavery': {
    name: 'Police referral (modern slavery)',
    step: 'Refer the concern to the police, then record the referral on the case (004 §7.8.3).',
  },
  'mappa-liaison': {
    name: 'MAPPA liaison',
    step: 'Liaise with MAPPA and record it on the case (004 §7.7.2).',
  },
  'staff-safety-marker': {
    name: 'Staff safety marker',
    step: 'Put the staff-safety marker on the home and follow lone-working rules; record it on the case (002 §6).',
  },
  'joint-tenancy-legal-advice': {
    name: 'Joint tenancy: legal advice',
    step: 'Signpost the victim to fast legal advice such as NCDV, then record it on the case (004 §7.4.11).',
  },
  'emergency-security-works': {
    name: 'Emergency security works',
    step: 'Secure the home (lock change, target hardening) or consider a temporary move, then record the works on the case (004 §7.4.9).',
  },
  'safety-plan': {
    name: 'Safety plan',
    step: 'Make a safety plan with the victim and record it on the case (000, 002 §6).',
  },
  'agree-safe-contact': {
    name: 'Agree how to contact safely',
    step: 'Agree with the person how future contact can be made safely and record the plan on the case (004 §7.3).',
  },
  'regular-contact': {
    name: 'Regular contact',
    step: 'Contact the victim the way the safe-contact plan allows and record the contact on the case (001 §7).',
  },
  'case-resolved': {
    name: 'Out of the holding area',
    step: 'Resolve the case, or record why it stays open (statutory or legal action, complexity) and update your line manager by email (000).',
  },
};

/** The duty's name in words, e.g. "Initial contact". */
export function dutyName(duty: Duty): string {
  return DUTY_STEPS[duty].name;
}

/** The association's title for a role, else the role in words ("line manager"). */
export function roleTitle(config: AssociationConfig, role: StaffRole): string {
  return config.escalation.roleTitles[role] ?? role.replace(/-/g, ' ');
}

/** The next step for a duty, and who owns it in this association's words. */
export function nextStepWords(config: AssociationConfig, duty: Duty): string {
  const owner = config.duties[duty]?.owner;
  return `${DUTY_STEPS[duty].step}${owner ? ` Owner: ${roleTitle(config, owner)}.` : ''}`;
}

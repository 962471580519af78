// The words the console shows for Haven's ids: duties, clocks, risk, case status, timeline events and
// override bases. Ids without a label are shown with view.mjs humanise.

/** @type {Record<string, string>} */
export const DUTY_LABELS = {
  'advise-emergency-services': 'Advise 999 or call for them',
  'initial-contact': 'Initial contact',
  'safeguarding-log': 'Safeguarding log on the internal hub',
  'local-authority-report': 'Report to the Local Authority',
  'cqc-notification': 'CQC notification',
  'dash-assessment': 'DASH risk assessment',
  'marac-referral': 'MARAC referral',
  'refuge-names-check': 'Names check with the refuge',
  'specialist-support-referral': 'Specialist support referral',
  'childrens-social-care-referral': "Children's social care referral",
  'adult-safeguarding-referral': 'Adult safeguarding referral',
  'elder-abuse-safeguarding-referral': 'Elder abuse safeguarding referral',
  'police-referral-modern-slavery': 'Police referral (modern slavery)',
  'mappa-liaison': 'MAPPA liaison',
  'staff-safety-marker': 'Staff safety marker on the home',
  'joint-tenancy-legal-advice': 'Joint tenancy: legal advice',
  'emergency-security-works': 'Emergency security works',
  'safety-plan': 'Safety plan',
  'agree-safe-contact': 'Agree how to contact safely',
  'decide-safe-contact': 'Decide how to make contact safely',
  'regular-contact': 'Regular contact',
  'case-resolved': 'Case resolved (holding period)',
};

/** @type {Record<string, string>} */
export const CLOCK_LABELS = {
  emergencyAdvice: 'Immediate danger: what was done',
  initialContact: 'Initial contact',
  decideSafeContact: 'Decide how to make contact safely',
  safeguardingLog: 'Safeguarding log',
  localAuthorityReport: 'Report to the Local Authority',
  cqcReport: 'CQC report',
  cqcNotifiableLimit: 'CQC notifiable incident',
  emergencySecurityWorks: 'Emergency security works',
  regularContact: 'Regular contact with the victim',
  holdingArea: 'Out of the holding area',
};

/** @type {Record<string, string>} */
export const RISK_LABELS = { 'not-assessed': 'Not assessed', standard: 'Standard', medium: 'Medium', high: 'High' };

/** Who made a report, as the figures count it. @type {Record<string, string>} */
export const REPORTER_LABELS = {
  victim: 'The person experiencing abuse',
  'someone-else': 'Someone else on their behalf',
  'not recorded': 'Not recorded (reported before this was kept)',
};

/** @type {Record<string, string>} */
export const STATUS_LABELS = { open: 'Open', closed: 'Closed', signposted: 'Signposted' };

/** Why a case closed (DOMAIN.md "Closing a case"; the words of core/case.ts CLOSURE_OUTCOMES). @type {Record<string, string>} */
export const CLOSURE_OUTCOME_LABELS = {
  'action-plan-complete': 'The action plan is complete',
  'no-further-action-appropriate': 'No further action is appropriate',
  'no-further-action-possible': 'No further action is possible',
};

/** A closure outcome in words ('Not recorded' for a case closed before outcomes were kept). @param {string | null | undefined} o */
export function closureOutcomeWords(o) {
  return o ? (CLOSURE_OUTCOME_LABELS[o] ?? o) : 'Not recorded';
}

/** @type {Record<string, string>} */
export const EVENT_LABELS = {
  reported: 'Report received',
  'report-repeated': 'The same report was received again (no new case)',
  signposted: 'Signposted',
  'contact-made': 'Contact made',
  'contact-attempted': 'Contact attempted (did not reach them)',
  'contact-plan-agreed': 'Safe-contact plan agreed',
  'dash-scored': 'DASH scored',
  'referral-made': 'Referral made',
  'referral-acknowledged': 'Referral acknowledged',
  'consent-given': 'Consent given',
  'consent-refused': 'Consent refused',
  'consent-overridden': 'Consent overridden',
  'action-done': 'Action done',
  'duty-closed': 'No further action',
  'pathway-chosen': 'Pathway chosen',
  'clock-breached': 'Clock breached',
  'escalation-sent': 'Escalation sent',
  'escalation-acknowledged': 'Escalation taken on ("I\'ve got this")',
  'officer-assigned': 'Officer assigned',
  'note-added': 'Note added',
  'safety-plan-updated': 'Safety plan updated',
  'facts-updated': 'Facts updated',
  'home-marker-set': 'Marker set on the home',
  'case-closed': 'Case closed',
  'case-reopened': 'Case reopened',
  'case-viewed': 'Case viewed',
  'linked-case-viewed': 'Seen as a linked case from another case',
  'case-found-by-reference': 'Case found by its reference (search)',
  'details-revealed': 'Names and contact details shown',
  'workflow-fault': 'Haven could not finish an automatic step (support told)',
  'workflow-parked': 'Haven stopped retrying an automatic step; it restarts it soon (support told)',
  'email-maybe-sent': 'An email may not have arrived: no answer from the mail service (support told; not sent again)',
  'email-refused': 'An email was not sent: refused for good, or nobody to send it to (support told; next step goes on)',
  'feedback-requested': 'Feedback requested from the victim',
  'feedback-deferred': 'Feedback request waiting for a safe time to contact them',
  'feedback-not-sent': 'Feedback request not sent: the safe-contact plan does not allow it',
  'lessons-learned-due': 'Lessons-learned review due',
};

/** @type {Record<string, string>} */
export const BASIS_LABELS = {
  'safeguarding-concern': 'An overriding safeguarding concern',
  'marac-threshold': 'The MARAC threshold is met',
  'protect-the-victim': 'To protect the victim',
  'prevent-harm-to-others': 'To prevent harm to someone else',
  'prevent-or-detect-crime': 'To prevent or detect a crime',
  'legal-request': 'A legal request',
};

/** "MARAC referral" stays, "Safety plan" becomes "safety plan" inside a sentence. @param {string} t */
const inSentence = (t) => (/^[A-Z](?:[a-z]|\s)/.test(t) ? t.charAt(0).toLowerCase() + t.slice(1) : t);

/**
 * Haven's ids inside a refusal's text (duties, override bases, clocks) as their labels, quoted, so no
 * raw id such as `safeguarding-concern` reaches the officer. @param {string} text
 */
export function idsInWords(text) {
  /** @type {Record<string, string>} */
  const labels = { ...DUTY_LABELS, ...BASIS_LABELS, ...CLOCK_LABELS };
  return text.replace(/\b[a-z][a-zA-Z]*(?:-[a-z]+)+\b|\b[a-z]+[A-Z][a-zA-Z]*\b/g, (id) =>
    labels[id] ? `“${inSentence(labels[id])}”` : id,
  );
}

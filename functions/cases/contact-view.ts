/**
 * The safe-contact plan and the reporter's own contact as the case view gives them (004 §7.3). The
 * redacted view keeps what an officer must never miss before any contact (which ways, when, whether
 * voicemail is safe, whether we may say who we are, whether someone may be watching, no direct
 * contact, who agreed it); numbers, addresses, the agency, the code word, notes and the reporter's
 * own words on safe times wait for a reveal, and `hidden` names the ones this case holds.
 */
import type { StoredCase } from '../adapters/store/index.js';
import { type ContactPlanVersion, currentPlan } from '../core/contact-plan.js';
import { describeWindows } from '../core/contact-window.js';
import { type Report, safeContactSource } from '../core/report.js';

const WAY_DETAILS = ['phone', 'email', 'address', 'agency'] as const;
const PLAN_DETAILS = ['codeWord', 'notes', 'safeTimesText'] as const;

/** The names of the plan's and the reporter's contact details a redacted view leaves out. */
export function hiddenContactDetails(plan: ContactPlanVersion | undefined, report: Report): string[] {
  const names: string[] = [];
  for (const field of WAY_DETAILS) if (plan?.ways.some((w) => w[field])) names.push(`contactPlan.${field}`);
  for (const field of PLAN_DETAILS) if (plan?.[field]) names.push(`contactPlan.${field}`);
  const own = report.reporter.contact;
  if (own?.phone) names.push('reporterContact.phone');
  if (own?.email) names.push('reporterContact.email');
  return names;
}

/** The plan in force: every way with its windows in words; contact details and typed text only when shown. */
function planView(plan: ContactPlanVersion, show: boolean) {
  const ways = plan.ways.map((w) => {
    const safety = {
      way: w.way,
      windows: w.windows,
      windowsText: describeWindows(w.windows),
      voicemailSafe: w.voicemailSafe,
      mayIdentifyUs: w.mayIdentifyUs,
      mayBeWatched: w.mayBeWatched,
    };
    if (!show) return safety;
    const details = Object.fromEntries(WAY_DETAILS.filter((f) => w[f]).map((f) => [f, w[f]]));
    return { ...safety, ...details };
  });
  const typed = show ? Object.fromEntries(PLAN_DETAILS.filter((f) => plan[f]).map((f) => [f, plan[f]])) : {};
  return {
    version: plan.version,
    source: plan.source,
    agreedWith: plan.agreedWith,
    agreedAt: plan.agreedAt,
    noDirectContact: plan.noDirectContact,
    ways,
    ...typed,
  };
}

/** The view's contact fields: the plan in force, every version (who agreed, when, who recorded it), whose word the report's safe contact is, and the reporter's own contact. */
export function contactViewOf(stored: Pick<StoredCase, 'contactPlans' | 'report'>, show: boolean) {
  const plan = currentPlan(stored.contactPlans);
  const own = stored.report.reporter.contact;
  return {
    contactPlan: plan ? planView(plan, show) : null,
    contactPlanVersions: stored.contactPlans.map((v) => ({
      version: v.version,
      agreedWith: v.agreedWith,
      agreedAt: v.agreedAt,
      recordedBy: v.recordedBy,
      source: v.source,
    })),
    safeContactSource: safeContactSource(stored.report),
    reporterContact: !own ? null : show ? own : { method: own.method },
  };
}

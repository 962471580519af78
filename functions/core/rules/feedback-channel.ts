/**
 * Feedback after closure (003, 001): where the association's policy asks for it, feedback is asked for
 * only within the victim's safe-contact plan in force, checked by `contactAllowed` like every contact.
 * By email Haven sends a generic request itself when email is a safe way now; at an unsafe time it
 * waits for the next safe window; to an inbox someone else may see, or where the plan does not let us
 * say who we are (the request names the association), or without email, the officer asks by another direct way the plan allows (phone, text,
 * in person, a letter); through the reporter or an agency, with no direct contact, or with no safe
 * way, nobody asks, and the reason is recorded.
 */
import type { AssociationConfig } from '../association.js';
import { contactAllowed } from '../contact-allowed.js';
import type { ContactPlanVersion, ContactWay } from '../contact-plan.js';
import type { EmailText } from '../escalation.js';

/** How feedback is asked for now, or why it waits or is not asked for. Reasons are words, never an address. */
export type FeedbackRequest =
  | { channel: 'email'; to: string }
  | { channel: 'officer'; way: ContactWay }
  | { channel: 'wait'; until: string; reason: string }
  | { channel: 'none'; reason: string };

/** The direct ways an officer may ask by, in the order tried. */
const OFFICER_WAYS: readonly ContactWay[] = ['phone', 'text', 'in-person', 'letter'];

const WATCHED = 'Someone else may see their email, and the request says who it is from.';
const UNNAMED = 'The plan does not let us say who we are by email, and the request says who it is from.';
const NO_ADDRESS = 'The plan has no email address to send to.';

/** The plan's way for the officer to ask by, if any; never one the plan says no to. */
function officerWay(plan: ContactPlanVersion | undefined): ContactWay | undefined {
  if (!plan || plan.noDirectContact) return undefined;
  return OFFICER_WAYS.find((w) => plan.ways.some((p) => p.way === w));
}

/** Whether and how feedback is asked for at `now`; undefined when the policy does not ask for it. */
export function feedbackRequest(
  config: Pick<AssociationConfig, 'feedbackAfterClosure'>,
  plan: ContactPlanVersion | undefined,
  now: Date,
): FeedbackRequest | undefined {
  if (!config.feedbackAfterClosure) return undefined;
  const check = contactAllowed(plan, 'email', now);
  const email = plan?.ways.find((w) => w.way === 'email');
  // The request names the association: Haven sends it only where the plan lets us say who we are.
  const namingUnsafe = email ? (email.mayBeWatched ? WATCHED : email.mayIdentifyUs ? undefined : UNNAMED) : undefined;
  if (check.allowed && email?.email && !namingUnsafe) return { channel: 'email', to: email.email };
  if (!check.allowed && check.nextWindowAt && !namingUnsafe)
    return { channel: 'wait', until: check.nextWindowAt, reason: check.reason };
  const way = officerWay(plan);
  if (way) return { channel: 'officer', way };
  return { channel: 'none', reason: namingUnsafe ?? (check.allowed ? NO_ADDRESS : check.reason) };
}

/** The generic feedback request sent through the victim's safe channel (no names, no case details). */
export function feedbackEmail(input: { associationName: string }): EmailText {
  return {
    subject: `${input.associationName}: how did we do?`,
    text: `${input.associationName} would value your feedback on the support you received. Reply to this message, or call us, whenever it is safe for you. You do not have to reply.`,
  };
}

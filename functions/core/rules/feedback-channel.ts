/**
 * Feedback after closure (003, 001): where the association's policy asks for it, feedback is asked for
 * through the victim's agreed safe channel only, and never where the victim asked for no contact. By
 * email Haven sends a generic request itself; by another safe channel (phone, text, a letter known to
 * be safe) the officer asks; through the reporter, or with no safe channel, nobody asks.
 */
import type { AssociationConfig } from '../association.js';
import type { EmailText } from '../escalation.js';
import type { SafeContact } from '../report.js';

/** How feedback is asked for: by email to the safe address, or by the officer through another safe channel. */
export type FeedbackRequest = { channel: 'email'; to: string } | { channel: 'officer' };

/** How the victim's safe contact lets feedback be asked for, if at all. */
function feedbackChannel(safe: SafeContact | undefined): 'email' | 'officer' | 'none' {
  if (!safe || safe.noContact || !safe.method) return 'none';
  if (safe.method === 'email') return safe.email ? 'email' : 'none';
  if (safe.method === 'letter') return safe.letterSafe ? 'officer' : 'none';
  if (safe.method === 'through-reporter') return 'none';
  return 'officer';
}

/** Whether and how feedback is asked for after a closure; undefined when the policy does not ask or no channel is safe. */
export function feedbackRequest(
  config: Pick<AssociationConfig, 'feedbackAfterClosure'>,
  safe: SafeContact | undefined,
): FeedbackRequest | undefined {
  if (!config.feedbackAfterClosure) return undefined;
  const channel = feedbackChannel(safe);
  if (channel === 'email' && safe?.email) return { channel, to: safe.email };
  return channel === 'officer' ? { channel } : undefined;
}

/** The generic feedback request sent through the victim's safe channel (no names, no case details). */
export function feedbackEmail(input: { associationName: string }): EmailText {
  return {
    subject: `${input.associationName}: how did we do?`,
    text: `${input.associationName} would value your feedback on the support you received. Reply to this message, or call us, whenever it is safe for you. You do not have to reply.`,
  };
}

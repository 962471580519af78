/**
 * The one check every contact with the victim passes (004 §7.3, 003): a way and a time against the
 * safe-contact plan in force. Staff who contact outside the plan give a reason; Haven itself never
 * sends outside it. Reasons and cautions are in words and never hold a number or an address.
 */
import { type ContactPlanVersion, type ContactWay, DIRECT_WAYS } from './contact-plan.js';
import { describeWindows, nextWindowStart, withinWindows } from './contact-window.js';

export type ContactCheck =
  | { allowed: true; cautions: string[] }
  | {
      allowed: false;
      reason: string;
      /** When the way is safe again, if only the time was wrong (ISO instant, within a week). */
      nextWindowAt?: string;
    };

const WAY_WORDS: Record<ContactWay, string> = {
  phone: 'a phone call',
  text: 'a text message',
  email: 'an email',
  letter: 'a letter',
  'in-person': 'a visit in person',
  agency: 'contact through an agency',
  reporter: 'contact through the person who reported',
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What the officer must keep in mind on an allowed contact. */
function cautionsFor(way: ContactPlanVersion['ways'][number], plan: ContactPlanVersion): string[] {
  const cautions: string[] = [];
  if (way.way === 'phone' && !way.voicemailSafe) cautions.push('Do not leave a voicemail.');
  if (way.mayBeWatched)
    cautions.push('Someone else may see it: say nothing about the abuse until you know it is them.');
  if (DIRECT_WAYS.includes(way.way) && !way.mayIdentifyUs)
    cautions.push('Do not say who you are or why you are in touch to anyone but them.');
  if (plan.codeWord) cautions.push('Use the agreed code word.');
  return cautions;
}

/** Whether contact by `way` at `at` is within the plan: allowed with cautions, or refused with the reason. */
export function contactAllowed(plan: ContactPlanVersion | undefined, way: ContactWay, at: Date): ContactCheck {
  if (!plan) return { allowed: false, reason: 'No safe way to contact them is known yet.' };
  if (plan.noDirectContact && DIRECT_WAYS.includes(way))
    return { allowed: false, reason: 'They must not be contacted directly: the plan says no direct contact.' };
  const agreed = plan.ways.find((w) => w.way === way);
  if (!agreed) {
    const allowed = plan.ways.map((w) => WAY_WORDS[w.way]);
    const instead = allowed.length ? ` The plan allows ${allowed.join(' or ')}.` : ' The plan has no safe way yet.';
    return { allowed: false, reason: `${capital(WAY_WORDS[way])} is not a safe way to contact them.${instead}` };
  }
  if (!withinWindows(agreed.windows, at)) {
    const next = nextWindowStart(agreed.windows, at);
    return {
      allowed: false,
      reason: `This is not a safe time for ${WAY_WORDS[way]}: safe times are ${describeWindows(agreed.windows)} (UK time).`,
      ...(next ? { nextWindowAt: next.toISOString() } : {}),
    };
  }
  return { allowed: true, cautions: cautionsFor(agreed, plan) };
}

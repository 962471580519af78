// The request body of each command form on the case page, and what the success banner says after it.
import { planCommand } from './case-contact-plan.mjs';
import { FACTS } from './case-household.mjs';
import { c } from './case-state.mjs';
import { instantOf } from './forms.mjs';
import { formValues } from './shell.mjs';

/** The request body of a command from its form. @param {string} command @param {HTMLFormElement} form @returns {{ path: string, body: Record<string, unknown> }} */
export function commandOf(command, form) {
  const v = formValues(form);
  /** @param {string} k */
  const text = (k) => (typeof v[k] === 'string' && v[k] ? String(v[k]) : undefined);
  /** @param {Record<string, unknown>} o */
  const clean = (o) => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));
  switch (command) {
    case 'contacts': {
      const attempt = v.reached === 'no';
      return {
        path: 'contacts',
        body: clean({
          at: instantOf(v.at),
          way: text('way'),
          attempt: attempt ? true : undefined,
          safeContactAgreed: v.safeContactAgreed === true ? true : undefined,
          outsidePlanReason: text('outsidePlanReason'),
          note: text('note'),
        }),
      };
    }
    case 'contact-plan':
      return { path: 'contact-plan', body: planCommand(form) };
    case 'dash': {
      /** @type {Record<string, string>} */
      const answers = {};
      for (const q of c.data.dash.questions) if (typeof v[q.id] === 'string') answers[q.id] = String(v[q.id]);
      const level = text('judgementLevel');
      return {
        path: 'dash',
        body: clean({
          version: c.data.dash.version,
          answers,
          judgement: level ? { level, reasons: text('judgementReasons') ?? '' } : undefined,
        }),
      };
    }
    case 'pathway':
      return { path: 'pathway', body: { pathway: text('pathway') } };
    case 'consent':
      return {
        path: 'consent',
        body: clean({
          duty: text('duty'),
          decision: text('decision'),
          basis: v.decision === 'overridden' ? text('basis') : undefined,
          reason: text('reason'),
        }),
      };
    case 'referral':
      return { path: 'referrals', body: clean({ duty: text('duty'), at: instantOf(v.at), note: text('note') }) };
    case 'acknowledge':
      return {
        path: `referrals/${encodeURIComponent(text('duty') ?? '')}/acknowledge`,
        body: clean({ at: instantOf(v.at) }),
      };
    case 'action':
      return {
        path: `actions/${encodeURIComponent(text('duty') ?? '')}`,
        body: clean({ outcome: text('outcome') ?? 'done', reason: text('reason') }),
      };
    case 'holding-pause':
      return { path: 'holding-pause', body: { action: text('action'), reason: text('reason') ?? '' } };
    case 'safety-plan': {
      const steps = String(v.steps ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => ({ text: s }));
      const keyContacts = [0, 1, 2].flatMap((i) => {
        const name = text(`c${i}-name`);
        if (!name) return [];
        const mayShare = String(v[`c${i}-share`] ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        return [clean({ name, relationship: text(`c${i}-relationship`), phone: text(`c${i}-phone`), mayShare })];
      });
      return { path: 'safety-plan', body: { steps, keyContacts } };
    }
    case 'close':
      return {
        path: 'close',
        body: clean({
          discussedWithVictim: v.discussedWithVictim === true,
          outcome: text('outcome'),
          reason: text('reason'),
        }),
      };
    case 'incidents':
      return {
        path: 'incidents',
        body: clean({ at: instantOf(v.at), violent: v.violent === true, note: text('note') }),
      };
    case 'facts':
      // Only what changed, so the timeline says what the officer changed.
      return {
        path: 'facts',
        body: Object.fromEntries(
          FACTS.flatMap(([k]) => ((v[k] === true) !== (c.view.facts?.[k] === true) ? [[k, v[k] === true]] : [])),
        ),
      };
    case 'share':
      return {
        path: 'safety-plan/share',
        body: { contact: Number(text('contact') ?? 0), items: c.shareItems.filter((_, i) => v[`share-${i}`] === true) },
      };
    case 'assign':
      // No officer chosen sends none, so the refusal says the officer is required.
      return { path: 'assign', body: clean({ officer: text('officer') }) };
    default:
      throw new Error(`unknown command ${command}`);
  }
}

/** What the success banner says after each command (a contact's words depend on the association: case-policy.mjs). @type {Record<string, string>} */
export const DONE = {
  'contact-plan': 'Newly agreed plan recorded. It is in force if it is the latest agreed with the victim.',
  dash: 'DASH scored.',
  pathway: 'Pathway recorded.',
  consent: 'Consent decision recorded.',
  referral: 'Referral recorded as made.',
  acknowledge: 'Referral recorded as acknowledged.',
  action: 'Action recorded.',
  'holding-pause': 'Holding period updated.',
  'safety-plan': 'Safety plan saved.',
  close: 'Case closed.',
  incidents: 'Incident recorded. The DASH is due again.',
  facts: 'Facts updated. The required actions now follow them.',
  share: 'Sharing of the safety plan recorded.',
  assign: 'Officer assigned.',
};

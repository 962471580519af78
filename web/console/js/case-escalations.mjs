// The case's escalations: each overdue duty Haven escalated, the last tier it reached and who has
// taken it on, with "I've got this" for a chain still running. Taking it on is recorded on the
// timeline, named in the next tier's email and — where the association sets a hold — makes the next
// tier wait that long while the duty is open. Built from the timeline and the running clocks.

import { c } from './case-state.mjs';
import { DUTY_LABELS } from './labels.mjs';
import { api, clearProblems, refusal, showProblems } from './shell.mjs';
import { durationWords, html, humanise, londonTime } from './view.mjs';

/** A hold from config in words (e.g. a number of hours). @param {any} hold */
function holdWords(hold) {
  if (!hold) return undefined;
  if (hold.minutes) return durationWords(hold.minutes * 60_000);
  if (hold.hours) return `${hold.hours} hour${hold.hours === 1 ? '' : 's'}`;
  if (hold.days) return `${hold.days} day${hold.days === 1 ? '' : 's'}`;
  return `${hold.workingDays} working day${hold.workingDays === 1 ? '' : 's'}`;
}

/** Every escalation chain on the timeline: its clock and deadline, the last tier sent, the first taking-on of the latest tier taken on. */
function chains() {
  /** @type {Map<string, any>} */
  const byKey = new Map();
  const events = [...(c.view.timeline ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const e of events) {
    const d = e.details ?? {};
    if ((e.type !== 'escalation-sent' && e.type !== 'escalation-acknowledged') || !d.clock || !d.deadline) continue;
    const key = `${d.clock}@${d.deadline}`;
    const chain = byKey.get(key) ?? { clock: d.clock, deadline: d.deadline, duty: e.duty, tier: -1 };
    if (e.type === 'escalation-sent' && typeof d.tier === 'number' && d.tier >= chain.tier) {
      chain.tier = d.tier;
      chain.sentAt = e.at;
    }
    // Each tier is taken on once (a repeat is refused): a later entry for the same or an earlier tier changes nothing.
    if (e.type === 'escalation-acknowledged' && typeof d.tier === 'number' && !(chain.taken?.tier >= d.tier))
      chain.taken = { at: e.at, by: d.by, tier: d.tier, until: d.holdsNextTierUntil, actor: e.actor };
    byKey.set(key, chain);
  }
  const running = (/** @type {any} */ k) =>
    c.view.status === 'open' &&
    (c.view.clocks ?? []).some((/** @type {any} */ x) => x.clock === k.clock && x.deadline === k.deadline);
  return [...byKey.values()].filter((k) => k.tier >= 0).map((k) => ({ ...k, running: running(k) }));
}

/** The escalations section (nothing when the case was never escalated). */
export function escalationsSection() {
  const list = chains();
  if (!list.length) return '';
  const hold = holdWords(c.data?.escalation?.acknowledgementHolds);
  return html`<h2 class="govuk-heading-m" id="escalations-heading">Escalations</h2>
<p class="govuk-body">${hold ? `Saying "I've got this" tells the next person in the chain who has it, and makes the next escalation wait until ${hold} after you say it, while the duty is still open.` : `Saying "I've got this" tells the next person in the chain who has it.`}</p>
<ul class="govuk-list" id="escalations">${list.map(
    (
      k,
    ) => html`<li class="govuk-!-margin-bottom-4" data-clock="${k.clock}"><strong>${DUTY_LABELS[k.duty] ?? humanise(k.duty)}</strong>: overdue since ${londonTime(k.deadline)}. Escalation ${k.tier + 1} sent ${londonTime(k.sentAt)}.
${
  k.taken
    ? html`<span class="govuk-body govuk-!-display-block" id="taken-${k.clock}">Taken on by ${k.taken.actor?.sub === c.me.sub ? 'you' : (k.taken.by ?? 'a member of staff')}, ${londonTime(k.taken.at)}${k.taken.until ? html`; the next escalation waits until ${londonTime(k.taken.until)}` : ''}.</span>`
    : ''
}
${
  k.running && k.taken?.tier >= k.tier
    ? ''
    : k.running
      ? html`<form class="haven-take-on" data-clock="${k.clock}" data-deadline="${k.deadline}" data-tier="${String(k.tier)}" novalidate>
<button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">I've got this<span class="govuk-visually-hidden">: ${DUTY_LABELS[k.duty] ?? humanise(k.duty)}</span></button></form>`
      : html`<span class="govuk-body-s govuk-!-display-block">${c.view.status === 'open' ? 'Done: the chain has ended.' : 'The case is not open.'}</span>`
}</li>`,
  )}</ul>`;
}

/**
 * Sends "I've got this" for each form; on success `done` shows the banner and reads the case again.
 * @param {any} session @param {string} caseId @param {(flash: string) => Promise<void>} done
 */
export function wireEscalations(session, caseId, done) {
  for (const form of /** @type {NodeListOf<HTMLFormElement>} */ (document.querySelectorAll('form.haven-take-on'))) {
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const button = /** @type {HTMLButtonElement | null} */ (form.querySelector('button[type=submit]'));
      if (button) button.disabled = true;
      clearProblems(form);
      const { clock = '', deadline = '', tier = '0' } = form.dataset;
      const duty = (c.view.timeline ?? []).find(
        (/** @type {any} */ x) => x.type === 'escalation-sent' && x.details?.clock === clock,
      )?.duty;
      try {
        const res = await api(
          session,
          `/api/cases/${encodeURIComponent(caseId)}/escalations/${encodeURIComponent(duty ?? '')}/acknowledge`,
          {
            method: 'POST',
            body: { clock, deadline, tier: Number(tier) },
            version: c.view.version,
          },
        );
        if (res.ok)
          return await done("Escalation taken on: the timeline and the next person in the chain say it's yours.");
        showProblems(form, refusal(res));
      } finally {
        if (button) button.disabled = false;
      }
    });
  }
}

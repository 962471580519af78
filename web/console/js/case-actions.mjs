// The case's required actions with their consent and status, and the forms that record consent,
// referrals and actions done.
import { c, typedReason } from './case-state.mjs';
import { dateTime, radios, select, submit, textarea } from './forms.mjs';
import { BASIS_LABELS, DUTY_LABELS, idsInWords } from './labels.mjs';
import { actionStatus, consentWords, html, humanise, londonTime } from './view.mjs';

/** @param {boolean} open */
export function actionsSection(open) {
  const actions = c.view.requiredActions ?? [];
  return html`<h3 class="govuk-heading-m" id="actions-heading">Required actions</h3>
<p class="govuk-body">What this case requires, from the facts recorded so far, with the victim's consent for each.</p>
<table class="govuk-table haven-actions-table haven-stack" id="actions"><caption class="govuk-table__caption govuk-visually-hidden">Required actions, their consent and status</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Action</th><th scope="col" class="govuk-table__header">Consent</th><th scope="col" class="govuk-table__header">Status</th></tr></thead>
<tbody class="govuk-table__body">${actions.map((/** @type {any} */ a) => {
    const consent = consentWords({
      rule: a.consent?.rule,
      mayProceed: a.consent?.mayProceed,
      basis: a.consent?.basis,
      missing: a.consent?.missing,
    });
    const status = actionStatus(a);
    const lastConsent = [...(c.view.consents ?? [])].reverse().find((/** @type {any} */ x) => x.duty === a.duty);
    return html`<tr class="govuk-table__row" data-duty="${a.duty}"><th scope="row" class="govuk-table__header">${DUTY_LABELS[a.duty] ?? humanise(a.duty)}
<span class="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular">${a.why}</span></th>
<td class="govuk-table__cell" data-label="Consent"><strong class="govuk-tag ${consent.tagClass}">${consent.text}</strong>${
      lastConsent?.decision === 'overridden' ? typedReason(lastConsent) : ''
    }${!a.consent?.mayProceed && a.consent?.missing ? html`<span class="govuk-body-s govuk-!-display-block">Needs ${idsInWords(a.consent.missing)}</span>` : ''}</td>
<td class="govuk-table__cell" data-label="Status"><strong class="govuk-tag ${status.tagClass}">${status.text}</strong>${
      a.record?.referral?.madeAt
        ? html`<span class="govuk-body-s govuk-!-display-block">Made ${londonTime(a.record.referral.madeAt)}</span>`
        : ''
    }${a.record?.referral?.acknowledgedAt ? html`<span class="govuk-body-s govuk-!-display-block">Acknowledged ${londonTime(a.record.referral.acknowledgedAt)}</span>` : ''}${
      a.status === 'no-further-action' && a.record ? typedReason(a.record) : ''
    }</td></tr>`;
  })}</tbody></table>
${open ? actionForms(actions) : ''}`;
}

/** @param {any[]} actions */
export function actionForms(actions) {
  const needConsent = actions.filter((a) => a.consent?.rule && a.consent.rule !== 'not-needed');
  const toDo = actions.filter((a) => a.status === 'open' && !['regular-contact', 'case-resolved'].includes(a.duty));
  // Duties done by a referral to another agency: core's REFERRAL_DUTIES, through the association c.data.
  const referrable = actions.filter((a) => c.data.referralDuties.includes(a.duty) && a.status === 'open');
  const toAcknowledge = actions.filter((a) => a.record?.referral?.madeAt && !a.record.referral.acknowledgedAt);
  const opt = (/** @type {any} */ a) => ({ value: a.duty, text: DUTY_LABELS[a.duty] ?? humanise(a.duty) });
  const bases = [...new Set(needConsent.flatMap((a) => a.consent?.overrideBases ?? []))];
  return html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${
  needConsent.length
    ? html`<form class="haven-command" data-command="consent" novalidate id="consent-form"><h4 class="govuk-heading-m">Record consent</h4>
${select({ id: 'consent-duty', name: 'duty', label: 'Action', options: needConsent.map(opt) })}
${radios({
  id: 'consent-decision',
  name: 'decision',
  legend: 'What did the victim decide?',
  small: true,
  options: [
    { value: 'given', text: 'Consent given' },
    { value: 'refused', text: 'Consent refused' },
    ...(bases.length
      ? [
          {
            value: 'overridden',
            text: 'Going ahead without consent (override)',
            hint: 'Only on an overriding safeguarding concern, the MARAC threshold or a legal duty. Give the basis and the reason.',
          },
        ]
      : []),
  ],
})}
${bases.length ? select({ id: 'consent-basis', name: 'basis', label: 'Basis for the override', hint: 'Needed only for an override', options: [{ value: '', text: 'Choose a basis' }, ...bases.map((b) => ({ value: b, text: BASIS_LABELS[b] ?? humanise(b) }))] }) : ''}
${textarea({ id: 'consent-reason', name: 'reason', label: 'Reason', hint: 'Needed for an override: why it cannot wait for consent' })}
${submit('Record consent', { secondary: true })}</form>`
    : ''
}
${
  referrable.length
    ? html`<form class="haven-command" data-command="referral" novalidate id="referral-form"><h4 class="govuk-heading-m">Record a referral made</h4>
${select({ id: 'referral-duty', name: 'duty', label: 'Referral', options: referrable.map(opt) })}
${dateTime({ id: 'referral-at', name: 'at', label: 'When it was made', hint: 'Leave blank for now' })}
${textarea({ id: 'referral-note', name: 'note', label: 'Note (optional)' })}
${submit('Record referral made', { secondary: true })}</form>`
    : ''
}
${
  toAcknowledge.length
    ? html`<form class="haven-command" data-command="acknowledge" novalidate id="acknowledge-form"><h4 class="govuk-heading-m">Record a referral acknowledged</h4>
${select({ id: 'acknowledge-duty', name: 'duty', label: 'Referral', options: toAcknowledge.map(opt) })}
${dateTime({ id: 'acknowledge-at', name: 'at', label: 'When the agency acknowledged it', hint: 'Leave blank for now' })}
${submit('Record acknowledgement', { secondary: true })}</form>`
    : ''
}
${
  toDo.length
    ? html`<form class="haven-command" data-command="action" novalidate id="action-form"><h4 class="govuk-heading-m">Record an action done</h4>
${select({ id: 'action-duty', name: 'duty', label: 'Action', options: toDo.map(opt) })}
<p class="govuk-body-s" id="action-elsewhere">Initial contact is done by recording the contact (it is checked against the safe-contact plan). How to make contact safely is decided by recording the plan agreed; it can be closed off only after initial contact is.</p>
${radios({
  id: 'action-outcome',
  name: 'outcome',
  legend: 'Outcome',
  small: true,
  value: 'done',
  options: [
    { value: 'done', text: 'Done' },
    { value: 'no-further-action', text: 'No further action', hint: 'Give the reason' },
  ],
})}
${textarea({ id: 'action-reason', name: 'reason', label: 'Reason or note', hint: 'Needed for no further action, and for the 999 advice: say what was done' })}
${submit('Record action', { secondary: true })}</form>`
    : ''
}
</div></div>`;
}

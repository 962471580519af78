/** The confirmation page: the reference, when we will be in touch, and whom to call meanwhile. */
import type { AdviceService, MeanwhileContacts } from '../core/advice.js';
import { esc } from './html.js';
import { layout, type PageContext } from './layout.js';

const telHref = (phone: string) => `tel:${phone.replace(/[^0-9+]/g, '')}`;

/** One line to call: "For men: Men's Advice Line: 0808 …"; never an article before the name. */
function callItem(s: AdviceService | undefined, lead = ''): string {
  if (!s?.phone) return '';
  const hours = s.hours ? ` (${esc(s.hours)})` : '';
  return `<li>${lead ? `${esc(lead)} ` : ''}${esc(s.name)}: <a class="govuk-link" href="${telHref(s.phone)}">${esc(s.phone)}</a>${hours}</li>`;
}

/** What happens next: how soon, from the association's clock, unless they asked for no contact. */
function whenParagraph(associationName: string, contactWithin: string | undefined): string {
  const who = esc(associationName);
  if (!contactWithin)
    return `<p class="govuk-body">Someone from ${who} will read your report and contact you in the way you said is safe, unless you asked us not to.</p>`;
  return `<p class="govuk-body">If the person lives in one of our homes, someone from ${who} will contact you in the way you said is safe <strong>within ${esc(contactWithin)}</strong> of your report.</p>
<p class="govuk-body">If you asked us not to contact you, we will not.</p>`;
}

/** The confirmation: the reference and what happens next, and nothing the person typed. */
export function donePage(
  ctx: PageContext,
  opts: { reference?: string; contactWithin?: string; meanwhile: MeanwhileContacts },
): string {
  const ref = opts.reference
    ? `<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">Report sent</h1><div class="govuk-panel__body">Your reference<br><strong>${esc(opts.reference)}</strong></div></div>`
    : `<h1 class="govuk-heading-l">Report sent</h1>`;
  const m = opts.meanwhile;
  const calls = [
    callItem(m.association),
    callItem(m.helpline),
    callItem(m.men, 'For men:'),
    callItem(m.lgbt, 'For LGBT+ people:'),
  ].join('');
  const main = `${ref}
<p class="govuk-body">Keep the reference somewhere safe, or remember it. You do not need it to get help.</p>
<h2 class="govuk-heading-m">What happens next</h2>
${whenParagraph(ctx.associationName, opts.contactWithin)}
<p class="govuk-body">If the person does not live in one of our homes, we will tell you who can help, such as the local council, the police or a specialist service.</p>
<h2 class="govuk-heading-m">If you need to talk to someone before then</h2>
${calls ? `<p class="govuk-body">${m.association ? 'You can call us, or one of these free and confidential helplines:' : 'These helplines are free and confidential:'}</p><ul class="govuk-list govuk-list--bullet">${calls}</ul>` : ''}
<h2 class="govuk-heading-m">If you are in danger</h2>
<p class="govuk-body"><a class="govuk-link" href="tel:999">Call 999</a> and ask for the police. If you cannot speak, call 999 from a mobile and press 55 when asked.</p>
<p class="govuk-body">If you are deaf or cannot speak on the phone, you can call 18000 for the police through Relay UK, by textphone or the Relay UK app. If you use British Sign Language, you can contact 999 through <a class="govuk-link" href="https://999bsl.co.uk">999 BSL</a> (its website or app).</p>
<p class="govuk-body"><a class="govuk-link" href="${esc(ctx.basePath)}/report?page=cover-your-tracks">How to cover your tracks online</a></p>`;
  return layout(ctx, { title: 'Report sent', main });
}

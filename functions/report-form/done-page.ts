/**
 * The confirmation page: the reference, when we will be in touch, and whom to call meanwhile. It is
 * the answer to the final post, never a URL of its own, so the time of day it gives (from the
 * initial-contact clock and the submission time) cannot be opened again from history.
 */
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

/** What the confirmation knows of the report: whom it is about, how they may be reached, and by when. */
export interface Confirmation {
  reference: string;
  /** The initial-contact deadline in words ("5pm on Wednesday 2 December 2026"), from the submission time. */
  contactBy?: string;
  /** The clock itself in words ("1 working day"). */
  contactWithin?: string;
  /** 'victim' when the report is about the person who sent it. */
  about: 'victim' | 'someone-else';
  livesInAssociationHome: 'yes' | 'no' | 'not-sure';
  /** How the victim may be reached: a safe way, "do not contact", or no safe way known yet. */
  victimContact: 'way' | 'none' | 'unknown';
  /** The reporter's own wish, about someone else only: contact me, do not, or not said. */
  reporterContact?: 'yes' | 'none' | 'unsaid';
  meanwhile: MeanwhileContacts;
}

/** What happens next: who is contacted, how, and by when (never what they typed). */
function whenParagraphs(associationName: string, c: Confirmation): string {
  const who = esc(associationName);
  const them = c.about === 'victim' ? 'you' : 'them';
  const by = c.contactBy
    ? ` by <strong>${esc(c.contactBy)}</strong>${c.contactWithin ? ` (within ${esc(c.contactWithin)} of your report)` : ''}`
    : c.contactWithin
      ? ` <strong>within ${esc(c.contactWithin)}</strong> of your report`
      : '';
  const ifResident =
    c.livesInAssociationHome === 'yes'
      ? ''
      : c.about === 'victim'
        ? 'If you live in one of our homes, s'
        : 'If they live in one of our homes, s';
  const contact =
    c.victimContact === 'none' && c.about === 'victim'
      ? 'You asked us not to contact you, so we will not.'
      : c.victimContact === 'none'
        ? 'You told us they must not be contacted directly. We will decide how to reach them safely, for example through a support service, and we will not tell them who made the report.'
        : c.victimContact === 'unknown'
          ? 'We will not contact them until we know a safe way. We will decide how to reach them safely, and we will not tell them who made the report.'
          : `${ifResident || 'S'}omeone from ${who} will contact ${them} in the way you said is safe${by}.`;
  const reporter =
    c.reporterContact === 'none'
      ? '<p class="govuk-body">You asked us not to contact you, so we will not.</p>'
      : c.reporterContact === 'yes'
        ? '<p class="govuk-body">We may contact you in the way you gave us, if we need to know more.</p>'
        : '';
  return `<p class="govuk-body">${contact}</p>${reporter}`;
}

/** The confirmation: the reference and what happens next, and nothing the person typed. */
export function donePage(ctx: PageContext, opts: Confirmation): string {
  const ref = `<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">Report sent</h1><div class="govuk-panel__body">Your reference<br><strong>${esc(opts.reference)}</strong></div></div>`;
  const m = opts.meanwhile;
  const calls = [
    callItem(m.association),
    callItem(m.helpline),
    callItem(m.men, 'For men:'),
    callItem(m.lgbt, 'For LGBT+ people:'),
  ].join('');
  const main = `${ref}
<p class="govuk-body">Keep the reference somewhere safe, or remember it. You do not need it to get help.<span class="haven-js-only"> It is not kept in your browser: once you leave this page it is gone from this device.</span></p>
<h2 class="govuk-heading-m">What happens next</h2>
${whenParagraphs(ctx.associationName, opts)}
${opts.livesInAssociationHome === 'yes' ? '' : '<p class="govuk-body">If the person does not live in one of our homes, we will tell you who can help, such as the local council, the police or a specialist service.</p>'}
<h2 class="govuk-heading-m">If you need to talk to someone before then</h2>
${calls ? `<p class="govuk-body">${m.association ? 'You can call us, or one of these free and confidential helplines:' : 'These helplines are free and confidential:'}</p><ul class="govuk-list govuk-list--bullet">${calls}</ul>` : ''}
<h2 class="govuk-heading-m">If you are in danger</h2>
<p class="govuk-body"><a class="govuk-link" href="tel:999">Call 999</a> and ask for the police. If you cannot speak, call 999 from a mobile and press 55 when asked.</p>
<p class="govuk-body">If you are deaf or cannot speak on the phone, you can call 18000 for the police through Relay UK, by textphone or the Relay UK app. If you use British Sign Language, you can contact 999 through <a class="govuk-link" href="https://999bsl.co.uk">999 BSL</a> (its website or app).</p>
<p class="govuk-body"><a class="govuk-link" href="${esc(ctx.basePath)}/report?page=cover-your-tracks">How to cover your tracks online</a></p>`;
  return layout(ctx, { title: 'Report sent', main });
}

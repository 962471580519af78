/**
 * A report's answers in words, for "Check your answers": above all the safe-contact way echoed back
 * as a sentence ("We will text 07700 900123 on weekday mornings (9am to midday)"), so a wrong number
 * or an unsafe time is seen before anything is sent.
 */
import { type ContactWindow, describeWindows } from '../core/contact-window.js';
import type { Report } from '../core/report.js';
import { SAFE_TIME_CHOICES, SAFE_TIMES } from '../core/report-form-fields.js';

/** Safe windows in the form's own words, joined with "or"; a window the form does not offer in general words. */
function windowsInWords(windows: readonly ContactWindow[]): string {
  return windows
    .map((w) => {
      const choice = SAFE_TIMES.find((t) => JSON.stringify(SAFE_TIME_CHOICES[t].window) === JSON.stringify(w));
      return choice ? SAFE_TIME_CHOICES[choice].words : describeWindows([w]);
    })
    .join(' or ');
}

/** How we will reach the person the report is about, in one or two sentences. */
export function victimContactWords(report: Report): string {
  const sc = report.safeContact;
  const self = report.reporterKind === 'victim';
  const them = self ? 'you' : 'them';
  const when = sc.windows.length ? ` on ${windowsInWords(sc.windows)}` : ' at any time';
  if (sc.noContact)
    return self
      ? 'We will not contact you.'
      : 'We will not contact them directly. We will decide how to reach them safely, for example through a support service.';
  switch (sc.method) {
    case 'phone':
      return `We will call ${them} on ${sc.phone}${when}. ${sc.voicemailSafe ? 'We may leave a voicemail.' : 'We will not leave a voicemail.'}`;
    case 'text':
      return `We will text ${sc.phone}${when}.`;
    case 'email':
      return `We will email ${sc.email}${when}.`;
    case 'letter':
      return `We will write to ${them} at ${report.person.address ?? 'the address you gave'}.`;
    case 'through-reporter':
      return 'We will contact them through you.';
    default:
      return 'We will not contact them until we know a safe way. We will decide how to reach them safely, for example through you or a support service.';
  }
}

/** What is safe on that way, in words: who we may say we are, a shared phone, the code word. */
export function safetyWords(report: Report, associationName: string): string[] {
  const sc = report.safeContact;
  if (sc.noContact || !sc.method || sc.method === 'through-reporter') return [];
  const watched = sc.method === 'letter' ? 'post' : sc.method === 'email' ? 'inbox' : 'phone';
  return [
    sc.mayIdentifyUs ? `We may say we are from ${associationName}.` : `We will not say we are from ${associationName}.`,
    ...(sc.mayBeWatched ? [`Someone else may see this ${watched}.`] : []),
    ...(sc.codeWord ? [`Code word: ${sc.codeWord}`] : []),
  ];
}

/** The reporter's own contact, when the report is about someone else. */
export function reporterContactWords(report: Report): string {
  const c = report.reporter.contact;
  const name = report.reporter.name ? `${report.reporter.name}. ` : '';
  if (!c) return `${name}You did not say how we can contact you.`;
  if (c.method === 'none') return `${name}We will not contact you.`;
  return `${name}We may contact you ${c.method === 'email' ? `by email at ${c.email}` : `on ${c.phone}`}.`;
}

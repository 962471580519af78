/**
 * The case as a case officer reads it: the report and state, what the case requires with each
 * action's consent status, its clocks, timeline, linked earlier cases and home markers (shown to
 * staff only: this view is the staff API's), the MARAC route of the case's area when it needs a
 * referral, and the repeat-MARAC and escalation flags (002 §6).
 *
 * By default the view is redacted: who the people are and how to reach them stay hidden until the
 * officer chooses to show them (POST /api/cases/{id}/reveal, recorded as `details-revealed`). What
 * an officer must never miss stays in the redacted view: whether and how it is safe to make
 * contact (no contact, method, voicemail and letters safe), language, interpreter and same-gender
 * officer. Safe times are hidden with the phone number they go with: they are the reporter's own
 * words and often describe the perpetrator's routine; the view says they were given (`hidden`
 * lists `safeTimes`), so the officer knows to show them before any contact. The safe-contact plan in
 * force and the reporter's own contact are redacted the same way (contact-view.ts).
 *
 * Another case the view names keeps its id only when the reader may see that case (`mayOpen`, from
 * core/rules/linked-cases.ts `mayNameCase`), shown or not: a sight recorded from it says only that
 * it came from a case the reader cannot open (`fromCaseHidden`), a home marker it set likewise
 * (`sourceCaseHidden`). The stored audit keeps the id; only this view leaves it out.
 */
import type { CaseEvent, HomeMarker, LinkedCase, StoredCase } from '../adapters/store/index.js';
import type { AssociationConfig } from '../core/association.js';
import { closureBlockers } from '../core/case-status.js';
import { nextDeadline, planClocks } from '../core/clock-plan.js';
import { consentStatus } from '../core/consent.js';
import { currentPlan } from '../core/contact-plan.js';
import type { Report } from '../core/report.js';
import { route } from '../core/routing.js';
import { caseFlags } from '../core/rules/case-flags.js';
import { immediateDangerBanner } from '../core/rules/immediate-danger.js';
import type { LinkedCaseView } from '../core/rules/linked-cases.js';
import { maracRouteFor } from '../core/rules/marac-route.js';
import { contactViewOf, hiddenContactDetails } from './contact-view.js';

/** Personal details the redacted view leaves out, by the name the console shows them under. */
const PERSONAL: { name: string; present: (r: Report) => boolean }[] = [
  { name: 'name', present: (r) => !!r.person.name },
  { name: 'address', present: (r) => !!r.person.address },
  { name: 'propertyReference', present: (r) => !!r.person.propertyReference },
  { name: 'dateOfBirth', present: (r) => !!r.person.dateOfBirth },
  { name: 'reporter', present: (r) => !!(r.reporter.name || r.reporter.phone || r.reporter.email) },
  { name: 'narrative', present: (r) => !!r.narrative },
  { name: 'safePhone', present: (r) => !!r.safeContact.phone },
  { name: 'safeEmail', present: (r) => !!r.safeContact.email },
  { name: 'safeTimes', present: (r) => !!r.safeContact.safeTimes },
  { name: 'codeWord', present: (r) => !!r.safeContact.codeWord },
  { name: 'accessibility', present: (r) => !!r.needs.accessibility },
];

/** The report without who the people are or how to reach them; how to contact safely stays. */
function redactReport(r: Report) {
  return {
    associationId: r.associationId,
    reporterKind: r.reporterKind,
    immediateDanger: r.immediateDanger,
    livesInAssociationHome: r.livesInAssociationHome,
    ...(r.area ? { area: r.area } : {}),
    household: r.household,
    abuseTypes: r.abuseTypes,
    violentIncident: r.violentIncident,
    wantsToStayInHome: r.wantsToStayInHome,
    safeContact: {
      noContact: r.safeContact.noContact,
      ...(r.safeContact.method ? { method: r.safeContact.method } : {}),
      voicemailSafe: r.safeContact.voicemailSafe,
      letterSafe: r.safeContact.letterSafe,
    },
    needs: {
      ...(r.needs.language ? { language: r.needs.language } : {}),
      interpreter: r.needs.interpreter,
      sameGenderOfficer: r.needs.sameGenderOfficer,
    },
  };
}

/** Event details keys that hold what a member of staff typed (core/commands/): hidden until shown. */
const TYPED_KEYS = ['note', 'reason', 'judgementReasons', 'outsidePlanReason'];

function redactEvent(e: CaseEvent): CaseEvent & { withheld?: string[] } {
  const given = e.details;
  if (e.actor === 'system' || !given) return e;
  const withheld = TYPED_KEYS.filter((k) => k in given);
  if (!withheld.length) return e;
  const details = Object.fromEntries(Object.entries(given).filter(([k]) => !TYPED_KEYS.includes(k)));
  return { ...e, details, withheld };
}

/** Event details keys that name another case by its id: shown only to a reader who may see that case. */
const OTHER_CASE_KEYS = ['fromCaseId'];

/** The event without the id of another case the reader may not see; `<key>Hidden` says one was left out. */
function withoutHiddenCases(e: CaseEvent, mayOpen: (caseId: string) => boolean): CaseEvent {
  const given = e.details;
  const hidden = OTHER_CASE_KEYS.filter((k) => given && k in given && !mayOpen(String(given[k])));
  if (!given || !hidden.length) return e;
  const details = Object.fromEntries(Object.entries(given).filter(([k]) => !hidden.includes(k)));
  for (const k of hidden) details[`${k.replace(/Id$/, '')}Hidden`] = true;
  return { ...e, details };
}

/** A home marker without the id of the case that set it, when the reader may not see that case. */
function markerView(m: HomeMarker, mayOpen: (caseId: string) => boolean) {
  if (!m.sourceCaseId || mayOpen(m.sourceCaseId)) return m;
  const { sourceCaseId: _hidden, ...rest } = m;
  return { ...rest, sourceCaseHidden: true as const };
}

const withoutReason = <T extends { reason?: string }>(x: T): Omit<T, 'reason'> & { reasonGiven?: true } => {
  const { reason, ...rest } = x;
  return reason ? { ...rest, reasonGiven: true as const } : rest;
};

/**
 * Builds the response body of GET /api/cases/{id} (`show: false`, redacted) or of
 * POST /api/cases/{id}/reveal (`show: true`, every detail). `asAt` is Haven's own now. `linked` is
 * each linked case as the reader may see it (core/rules/linked-cases.ts), and `mayOpen` says which
 * other cases the reader may see. The repeat-MARAC flag counts the referrals of the linked cases the
 * reader may see only: no seed requires more (002 §6 asks for no repeat flag at all; the repeat rule is
 * SafeLives practice, DOMAIN.md), and a restricted case's referral is a risk fact of that case.
 */
export function caseView(
  stored: StoredCase,
  linked: LinkedCaseView<LinkedCase>[],
  mayOpen: (caseId: string) => boolean,
  events: CaseEvent[],
  config: AssociationConfig,
  now: Date,
  show = false,
) {
  const { state } = stored;
  const routed = route(state.facts, config);
  const requiredActions = routed.map((a) => {
    const record = state.duties[a.duty];
    return {
      duty: a.duty,
      owner: a.owner,
      why: a.why,
      clocks: a.clocks,
      ...(a.clocksWaitFor ? { clocksWaitFor: a.clocksWaitFor } : {}),
      ...(a.agency ? { agency: a.agency } : {}),
      status: record?.status ?? 'open',
      ...(record ? { record: show ? record : withoutReason(record) } : {}),
      consent: { rule: a.consent, overrideBases: a.overrideBases, ...consentStatus(a, state.consents) },
    };
  });
  const plan = planClocks(state, config);
  const clocks = plan.map((c) => ({ ...c, overdue: Date.parse(c.deadline) < now.getTime() }));
  const plan0 = stored.safetyPlan;
  return {
    caseId: stored.caseId,
    reference: stored.reference,
    version: stored.version,
    asAt: now.toISOString(),
    /** Whether names, contact details and typed text are in this body (only after a reveal). */
    detailsShown: show,
    /** Personal details this case holds that the redacted view leaves out. */
    hidden: show
      ? []
      : [
          ...PERSONAL.filter((p) => p.present(stored.report)).map((p) => p.name),
          ...hiddenContactDetails(currentPlan(stored.contactPlans), stored.report),
        ],
    status: state.status,
    reportedAt: state.reportedAt,
    /** The banner at the top of the case: reported in immediate danger, 999 advice shown, what was done (null when not). */
    immediateDanger: immediateDangerBanner(state, config, show),
    ...(state.closedAt ? { closedAt: state.closedAt } : {}),
    ...(state.closureOutcome ? { closureOutcome: state.closureOutcome } : {}),
    ...(state.assignedOfficer ? { assignedOfficer: state.assignedOfficer } : {}),
    ...(state.assignedOfficerEmail ? { assignedOfficerEmail: state.assignedOfficerEmail } : {}),
    facts: state.facts,
    report: show ? stored.report : redactReport(stored.report),
    ...contactViewOf(stored, show),
    dash: state.dash ?? null,
    consents: show ? state.consents : state.consents.map(withoutReason),
    contacts: state.contacts,
    ...(state.agreedContactRhythm ? { agreedContactRhythm: state.agreedContactRhythm } : {}),
    holdingPauses: state.holdingPauses,
    incidents: state.incidents,
    maracReferrals: state.maracReferrals,
    requiredActions,
    /** How to refer to the MARAC of the case's area, while the case needs a MARAC referral (null otherwise). */
    maracRoute: maracRouteFor(state.facts, routed, config),
    clocks,
    nextDueAt: stored.nextDueAt ?? null,
    nextClock: nextDeadline(plan) ?? null,
    closureBlockers: state.status === 'open' ? closureBlockers(state, config, now) : [],
    flags: {
      // The victim's or home's other cases the reader may see count too: a referral after one of theirs
      // within 12 months is a repeat. A restricted case's referrals are its risk facts (see above).
      ...caseFlags(
        { ...state, linkedMaracReferrals: linked.flatMap((l) => (l.restricted ? [] : l.maracReferrals)) },
        now,
      ),
      dashDue: state.duties['dash-assessment']?.status !== 'done' && routed.some((a) => a.duty === 'dash-assessment'),
    },
    safetyPlan: !plan0
      ? null
      : show
        ? plan0
        : {
            steps: plan0.steps.map((s) => ({ ...(s.done ? { done: true } : {}) })),
            keyContacts: plan0.keyContacts.map((c) => ({
              mayShare: c.mayShare,
              ...((c as { perpetratorSide?: boolean }).perpetratorSide ? { perpetratorSide: true } : {}),
            })),
            updatedAt: plan0.updatedAt,
            updatedBy: plan0.updatedBy,
          },
    notes: show ? stored.notes : stored.notes.map(({ text: _t, ...n }) => n),
    /** Each linked case: its summary (`restricted: false`), or only that it exists and who manages it (`restricted: true`). */
    linkedCases: linked,
    markers: stored.markers.map((m) => markerView(m, mayOpen)),
    timeline: events.map((e) => withoutHiddenCases(show ? e : redactEvent(e), mayOpen)),
  };
}

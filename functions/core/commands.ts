/**
 * Staff commands on a case, pure: each validates its input against the case and the association's
 * policy and returns the new CaseState with the timeline entries to record, or a refusal that names
 * the field and the problem (never a value). Handlers load, call `applyCommand`, and save.
 */
import { z } from 'zod';
import type { AssociationConfig } from './association.js';
import { PATHWAYS, caseFactsSchema, type CaseFacts, type CaseState, type ConsentRecord, type DutyState } from './case.js';
import { canTransition, closureBlockers, endsWithCaseProblem } from './case-status.js';
import { clockSchema } from './clock-schema.js';
import { consentStatus, maySharePlanWith, validateOverride } from './consent.js';
import { dashSubmissionSchema, scoreDash, type DashResult } from './dash.js';
import { DUTIES, OVERRIDE_BASES, type Duty } from './duties.js';
import { CONTACT_METHODS, freeText } from './report.js';
import { consentRuleFor, route } from './routing.js';

/** One refused field: where, and what is wrong. */
export interface CommandProblem {
  field: string;
  problem: string;
}

/** The timeline entry types commands write (a subset of the case store's event types). */
export type CommandEventType =
  | 'contact-made'
  | 'dash-scored'
  | 'referral-made'
  | 'referral-acknowledged'
  | 'consent-given'
  | 'consent-refused'
  | 'consent-overridden'
  | 'action-done'
  | 'duty-closed'
  | 'pathway-chosen'
  | 'facts-updated'
  | 'safety-plan-updated'
  | 'case-closed'
  | 'case-reopened'
  | 'note-added'
  | 'officer-assigned';

/** A timeline entry to record; `details` holds anything a person typed and is kept encrypted. */
export interface CommandEvent {
  type: CommandEventType;
  /** When it happened, if not now (a contact or referral recorded afterwards). */
  at?: string;
  duty?: Duty;
  details?: Record<string, unknown>;
}

/** A safety plan as commands keep it (000): steps, key contacts and what may be shared with each. */
export interface PlanInput {
  steps: { text: string; done?: boolean }[];
  keyContacts: { name: string; relationship?: string; phone?: string; email?: string; mayShare: string[]; perpetratorSide?: boolean }[];
}

/** What the command changes beside the CaseState: private parts the case store keeps encrypted. */
export interface PrivateChanges {
  safetyPlan?: PlanInput;
  dashAnswers?: Record<string, unknown>;
  note?: string;
}

/** The outcome of a command. */
export type CommandResult =
  | { ok: true; state: CaseState; events: CommandEvent[]; changes: PrivateChanges; dash?: DashResult }
  | { ok: false; status: 400 | 409 | 422; error: string; problems: CommandProblem[]; missing?: string[] };

/** Who runs the command and when. */
export interface CommandContext {
  config: AssociationConfig;
  now: Date;
  actor: string;
  /** The current safety plan, for sharing checks. */
  safetyPlan?: PlanInput;
}

const EARLIEST = Date.UTC(1900, 0, 1);
/** Clock skew allowed for an instant "now" sent by a browser. */
const SKEW_MS = 5 * 60_000;
const note = freeText(4000);
const reason = freeText(2000).min(1, 'is required');
const instant = z.iso.datetime({ offset: true });
const duty = z.enum(DUTIES);

/** Commands, by name, with their input schemas. */
export const commandSchemas = {
  contact: z.strictObject({
    at: instant.optional(),
    method: z.enum(CONTACT_METHODS).optional(),
    /** A contact rhythm the victim agreed instead of the policy's (001 §7). */
    agreedRhythm: clockSchema.optional(),
    /** How future contact is made safely was agreed with the victim (004 §7.3). */
    safeContactAgreed: z.boolean().optional(),
    note: note.optional(),
  }),
  dash: dashSubmissionSchema,
  pathway: z.strictObject({ pathway: z.enum(PATHWAYS) }),
  referral: z.strictObject({ duty, at: instant.optional(), note: note.optional() }),
  acknowledge: z.strictObject({ at: instant.optional(), note: note.optional() }),
  consent: z.strictObject({
    duty,
    decision: z.enum(['given', 'refused', 'overridden']),
    basis: z.enum(OVERRIDE_BASES).optional(),
    reason: freeText(2000).optional(),
  }),
  action: z.strictObject({ outcome: z.enum(['done', 'no-further-action']), reason: freeText(2000).optional() }),
  incident: z.strictObject({ at: instant.optional(), violent: z.boolean().default(false), note: note.optional() }),
  // The facts an officer may change: all of CaseFacts but those set by their own commands.
  facts: caseFactsSchema
    .omit({ immediateDanger: true, risk: true, pathway: true })
    .extend({ area: z.string().regex(/^[a-z0-9-]{2,60}$/, 'must be an area id such as leeds') })
    .partial()
    .refine((f) => Object.keys(f).length > 0, 'give at least one fact'),
  holdingPause: z.strictObject({ action: z.enum(['pause', 'resume']), reason }),
  safetyPlan: z.strictObject({
    steps: z.array(z.strictObject({ text: freeText(1000).min(1, 'is required'), done: z.boolean().optional() })).max(50),
    keyContacts: z
      .array(
        z.strictObject({
          name: freeText(120).min(1, 'is required'),
          relationship: freeText(120).optional(),
          phone: freeText(30).optional(),
          email: z.email().max(254).optional(),
          mayShare: z.array(freeText(120).min(1, 'is required')).max(30).default([]),
          perpetratorSide: z.boolean().optional(),
        }),
      )
      .max(30),
  }),
  share: z.strictObject({ contact: z.number().int().min(0).max(29), items: z.array(freeText(120).min(1, 'is required')).min(1).max(30) }),
  close: z.strictObject({ discussedWithVictim: z.boolean(), reason: freeText(2000).optional() }),
  /** Who works the case: their staff id (Cognito subject) and the email people know them by. */
  assign: z.strictObject({
    officer: z.string().regex(/^[A-Za-z0-9@._:-]{1,128}$/, 'must be a staff id'),
    email: z.email().max(254),
  }),
} as const;

/** A command and its (already schema-validated) input. */
export type Command =
  | { kind: 'contact'; input: z.infer<typeof commandSchemas.contact> }
  | { kind: 'dash'; input: z.infer<typeof commandSchemas.dash> }
  | { kind: 'pathway'; input: z.infer<typeof commandSchemas.pathway> }
  | { kind: 'referral'; input: z.infer<typeof commandSchemas.referral> }
  | { kind: 'acknowledge'; duty: Duty; input: z.infer<typeof commandSchemas.acknowledge> }
  | { kind: 'consent'; input: z.infer<typeof commandSchemas.consent> }
  | { kind: 'action'; duty: Duty; input: z.infer<typeof commandSchemas.action> }
  | { kind: 'incident'; input: z.infer<typeof commandSchemas.incident> }
  | { kind: 'facts'; input: z.infer<typeof commandSchemas.facts> }
  | { kind: 'holdingPause'; input: z.infer<typeof commandSchemas.holdingPause> }
  | { kind: 'safetyPlan'; input: z.infer<typeof commandSchemas.safetyPlan> }
  | { kind: 'share'; input: z.infer<typeof commandSchemas.share> }
  | { kind: 'close'; input: z.infer<typeof commandSchemas.close> }
  | { kind: 'assign'; input: z.infer<typeof commandSchemas.assign> };

/** Duties done by referring to another agency: made, then acknowledged. */
export const REFERRAL_DUTIES: readonly Duty[] = [
  'marac-referral',
  'refuge-names-check',
  'specialist-support-referral',
  'childrens-social-care-referral',
  'adult-safeguarding-referral',
  'elder-abuse-safeguarding-referral',
  'police-referral-modern-slavery',
  'local-authority-report',
  'cqc-notification',
  'mappa-liaison',
];

const refuse = (status: 400 | 409 | 422, error: string, problems: CommandProblem[], missing?: string[]): CommandResult => ({
  ok: false,
  status,
  error,
  problems,
  ...(missing ? { missing } : {}),
});

/** An instant a person gave: not before 1900, not in the future, and (when given) not before `notBefore`. */
function checkInstant(iso: string | undefined, field: string, now: Date, notBefore?: string): CommandProblem | undefined {
  if (iso === undefined) return undefined;
  const t = Date.parse(iso);
  if (t < EARLIEST) return { field, problem: 'must not be before 1900' };
  if (t > now.getTime() + SKEW_MS) return { field, problem: 'must not be in the future' };
  if (notBefore && t < Date.parse(notBefore)) return { field, problem: 'must not be before the report was received' };
  return undefined;
}

const clone = (s: CaseState): CaseState => structuredClone(s);

function requiredDuties(state: CaseState, config: AssociationConfig) {
  return route(state.facts, config);
}

function needOpen(state: CaseState): CommandResult | undefined {
  if (state.status !== 'open') return refuse(409, `the case is ${state.status}`, [{ field: 'status', problem: `must be open, is ${state.status}` }]);
  return undefined;
}

/** Applies a staff command to a case (see the module comment). */
export function applyCommand(current: CaseState, command: Command, ctx: CommandContext): CommandResult {
  const { config, now, actor } = ctx;
  const at = now.toISOString();
  const state = clone(current);
  const done = (d: Duty, extra: Partial<DutyState> = {}): DutyState => ({ ...(state.duties[d] ?? {}), status: 'done', at, by: actor, ...extra });

  switch (command.kind) {
    case 'contact': {
      const closed = needOpen(state);
      if (closed) return closed;
      const { input } = command;
      const bad = checkInstant(input.at, 'at', now, state.reportedAt);
      if (bad) return refuse(400, 'invalid request', [bad]);
      const when = input.at ? new Date(input.at).toISOString() : at;
      state.contacts = [...state.contacts, when].sort();
      if (state.duties['initial-contact']?.status !== 'done') state.duties['initial-contact'] = done('initial-contact', { at: when });
      if (input.safeContactAgreed) state.duties['agree-safe-contact'] = done('agree-safe-contact');
      if (input.agreedRhythm) state.agreedContactRhythm = input.agreedRhythm;
      return {
        ok: true,
        state,
        events: [{ type: 'contact-made', at: when, details: { at: when, ...(input.method ? { method: input.method } : {}), ...(input.agreedRhythm ? { agreedRhythm: input.agreedRhythm } : {}), ...(input.note ? { note: input.note } : {}) } }],
        changes: {},
      };
    }

    case 'dash': {
      const closed = needOpen(state);
      if (closed) return closed;
      // The association's config names the checklist version its officers use (riskTool.version).
      if (command.input.version !== config.riskTool.version)
        return refuse(400, 'invalid', [{ field: 'version', problem: `must be ${config.riskTool.version}, the checklist this association uses` }]);
      const result = scoreDash(command.input, { maracReferrals: state.maracReferrals, incidents: state.incidents }, now);
      state.dash = { score: result.score, risk: result.risk, maracRequired: result.maracRequired, at };
      state.facts = { ...state.facts, risk: result.risk };
      state.duties['dash-assessment'] = done('dash-assessment');
      // Each high result needs its own referral (a repeat within 12 months is flagged by repeatMarac).
      if (result.maracRequired && state.duties['marac-referral']?.status !== 'open') state.duties['marac-referral'] = { status: 'open' };
      const { reasons: _r, ...summary } = result;
      return {
        ok: true,
        state,
        dash: result,
        events: [{ type: 'dash-scored', duty: 'dash-assessment', details: { ...summary, reasons: result.reasons, ...(command.input.judgement ? { judgementReasons: command.input.judgement.reasons } : {}) } }],
        changes: { dashAnswers: { version: command.input.version, answers: command.input.answers, ...(command.input.judgement ? { judgement: command.input.judgement } : {}) } },
      };
    }

    case 'pathway': {
      const closed = needOpen(state);
      if (closed) return closed;
      if (!config.pathways) return refuse(422, 'this association does not use pathways', [{ field: 'pathway', problem: 'is not used by this association' }]);
      state.facts = { ...state.facts, pathway: command.input.pathway };
      return { ok: true, state, events: [{ type: 'pathway-chosen', details: { pathway: command.input.pathway } }], changes: {} };
    }

    case 'referral': {
      const closed = needOpen(state);
      if (closed) return closed;
      const { input } = command;
      const bad = checkInstant(input.at, 'at', now, state.reportedAt);
      if (bad) return refuse(400, 'invalid request', [bad]);
      if (!REFERRAL_DUTIES.includes(input.duty)) return refuse(422, 'not a referral', [{ field: 'duty', problem: 'is not a referral duty' }]);
      const action = requiredDuties(state, config).find((a) => a.duty === input.duty);
      if (!action) return refuse(422, 'the case does not require this referral', [{ field: 'duty', problem: 'is not required for this case' }]);
      const consent = consentStatus(action, state.consents);
      if (!consent.mayProceed)
        return refuse(422, 'consent is needed before this referral', [{ field: 'consent', problem: consent.missing ?? "needs the victim's consent" }], [consent.missing ?? 'consent']);
      const madeAt = input.at ? new Date(input.at).toISOString() : at;
      state.duties[input.duty] = done(input.duty, { at: madeAt, referral: { madeAt } });
      if (input.duty === 'marac-referral') state.maracReferrals = [...state.maracReferrals, madeAt];
      return {
        ok: true,
        state,
        events: [{ type: 'referral-made', duty: input.duty, at: madeAt, details: { madeAt, basis: consent.basis, ...(input.note ? { note: input.note } : {}) } }],
        changes: {},
      };
    }

    case 'acknowledge': {
      const { input, duty: d } = command;
      const referral = state.duties[d]?.referral;
      if (!referral) return refuse(422, 'no referral has been made', [{ field: 'duty', problem: 'has no referral made yet' }]);
      const bad = checkInstant(input.at, 'at', now, referral.madeAt);
      if (bad) return refuse(400, 'invalid request', [bad.problem.startsWith('must not be before the report') ? { field: 'at', problem: 'must not be before the referral was made' } : bad]);
      const acknowledgedAt = input.at ? new Date(input.at).toISOString() : at;
      state.duties[d] = { ...state.duties[d]!, referral: { ...referral, acknowledgedAt } };
      return { ok: true, state, events: [{ type: 'referral-acknowledged', duty: d, at: acknowledgedAt, details: { acknowledgedAt, ...(input.note ? { note: input.note } : {}) } }], changes: {} };
    }

    case 'consent': {
      const { input } = command;
      if (input.decision === 'overridden') {
        const check = validateOverride({ duty: input.duty, ...(input.basis ? { basis: input.basis } : {}), ...(input.reason ? { reason: input.reason } : {}) });
        if (!check.ok) return refuse(422, 'the override is not allowed', check.problems.map((p) => ({ field: p.field, problem: p.message })));
      } else {
        if (input.basis) return refuse(400, 'invalid request', [{ field: 'basis', problem: 'is only for an override' }]);
        if (consentRuleFor(input.duty) === 'not-needed') return refuse(422, 'this duty needs no consent', [{ field: 'duty', problem: 'needs no consent' }]);
      }
      const record: ConsentRecord = {
        duty: input.duty,
        decision: input.decision,
        ...(input.basis ? { basis: input.basis } : {}),
        ...(input.reason ? { reason: input.reason } : {}),
        at,
        by: actor,
      };
      state.consents = [...state.consents, record];
      const type = input.decision === 'given' ? 'consent-given' : input.decision === 'refused' ? 'consent-refused' : 'consent-overridden';
      return {
        ok: true,
        state,
        events: [{ type, duty: input.duty, details: { ...(input.basis ? { basis: input.basis } : {}), ...(input.reason ? { reason: input.reason } : {}) } }],
        changes: {},
      };
    }

    case 'action': {
      const closed = needOpen(state);
      if (closed) return closed;
      const { input, duty: d } = command;
      // Regular contact and the holding clock run until the case closes (001 §7, 000).
      const endsWithCase = endsWithCaseProblem(d);
      if (endsWithCase) return refuse(422, 'this duty ends only with the case', [{ field: 'duty', problem: endsWithCase }]);
      const action = requiredDuties(state, config).find((a) => a.duty === d);
      if (!action) return refuse(422, 'the case does not require this action', [{ field: 'duty', problem: 'is not required for this case' }]);
      if (input.outcome === 'no-further-action') {
        if (!input.reason) return refuse(400, 'invalid request', [{ field: 'reason', problem: 'is required for no further action' }]);
        state.duties[d] = { ...(state.duties[d] ?? {}), status: 'no-further-action', at, by: actor, reason: input.reason };
        return { ok: true, state, events: [{ type: 'duty-closed', duty: d, details: { reason: input.reason } }], changes: {} };
      }
      const consent = consentStatus(action, state.consents);
      if (!consent.mayProceed)
        return refuse(422, 'consent is needed before this action', [{ field: 'consent', problem: consent.missing ?? "needs the victim's consent" }], [consent.missing ?? 'consent']);
      state.duties[d] = done(d, input.reason ? { reason: input.reason } : {});
      if (d === 'initial-contact' && state.contacts.length === 0) state.contacts = [at];
      return { ok: true, state, events: [{ type: 'action-done', duty: d, details: { basis: consent.basis, ...(input.reason ? { reason: input.reason } : {}) } }], changes: {} };
    }

    case 'incident': {
      const { input } = command;
      const bad = checkInstant(input.at, 'at', now);
      if (bad) return refuse(400, 'invalid request', [bad]);
      const when = input.at ? new Date(input.at).toISOString() : at;
      const events: CommandEvent[] = [];
      if (state.status === 'closed') {
        if (!canTransition('closed', 'open')) return refuse(409, 'the case cannot be reopened', [{ field: 'status', problem: 'cannot be reopened' }]);
        state.status = 'open';
        delete state.closedAt;
        state.closureDiscussedWithVictim = false;
        events.push({ type: 'case-reopened', details: { because: 'new incident' } });
      } else if (state.status !== 'open') return refuse(409, `the case is ${state.status}`, [{ field: 'status', problem: `must be open or closed, is ${state.status}` }]);
      state.incidents = [...state.incidents, when].sort();
      // A new incident means the DASH is done again (002 §6).
      state.duties['dash-assessment'] = { status: 'open' };
      // A violent incident starts a new 24-hour emergency-security-works clock from when it is reported (004 §7.4.9).
      if (input.violent) {
        state.facts = { ...state.facts, violentIncident: true };
        state.duties['emergency-security-works'] = { status: 'open', at };
      }
      events.push({ type: 'facts-updated', details: { incident: when, violent: input.violent, dashDueAgain: true, ...(input.note ? { note: input.note } : {}) } });
      return { ok: true, state, events, changes: {} };
    }

    case 'facts': {
      const { input } = command;
      if (input.area !== undefined && !config.areas.some((a) => a.id === input.area))
        return refuse(400, 'invalid request', [{ field: 'area', problem: `must be one of: ${config.areas.map((a) => a.id).join(', ')}` }]);
      if (state.status === 'closed') return refuse(409, 'the case is closed', [{ field: 'status', problem: 'must not be closed' }]);
      const events: CommandEvent[] = [];
      if (state.status === 'signposted') {
        if (input.resident !== true) return refuse(409, 'the record is signposted', [{ field: 'resident', problem: 'must be true to open a case from a signposted record' }]);
        state.status = 'open';
        events.push({ type: 'case-reopened', details: { because: 'victim lives in one of our homes' } });
      } else if (input.resident === false) return refuse(422, 'an open case cannot be made signposted', [{ field: 'resident', problem: 'cannot change an open case to not resident; close it instead' }]);
      const changed = Object.keys(input) as (keyof CaseFacts)[];
      // A violent incident newly recorded: the emergency-security-works clock runs from now (004 §7.4.9).
      if (input.violentIncident === true && !state.facts.violentIncident) state.duties['emergency-security-works'] = { status: 'open', at };
      state.facts = { ...state.facts, ...input };
      events.push({ type: 'facts-updated', details: { changed } });
      return { ok: true, state, events, changes: {} };
    }

    case 'holdingPause': {
      const closed = needOpen(state);
      if (closed) return closed;
      const open = state.holdingPauses.find((p) => p.to === undefined);
      if (command.input.action === 'pause') {
        if (open) return refuse(409, 'the holding clock is already paused', [{ field: 'action', problem: 'the clock is already paused' }]);
        state.holdingPauses = [...state.holdingPauses, { from: at }];
        // The reason over the holding period (000): statutory or legal action ongoing.
        const resolved = state.duties['case-resolved'];
        if (!resolved?.reason) state.duties['case-resolved'] = { ...(resolved ?? { status: 'open' }), reason: command.input.reason };
      } else {
        if (!open) return refuse(409, 'the holding clock is not paused', [{ field: 'action', problem: 'the clock is not paused' }]);
        state.holdingPauses = state.holdingPauses.map((p) => (p === open ? { from: p.from, to: at } : p));
      }
      return { ok: true, state, events: [{ type: 'facts-updated', duty: 'case-resolved', details: { holding: command.input.action, reason: command.input.reason } }], changes: {} };
    }

    case 'safetyPlan': {
      const closed = needOpen(state);
      if (closed) return closed;
      const plan: PlanInput = command.input;
      if (plan.steps.length || plan.keyContacts.length) state.duties['safety-plan'] = state.duties['safety-plan']?.status === 'done' ? state.duties['safety-plan'] : done('safety-plan');
      return { ok: true, state, events: [{ type: 'safety-plan-updated', duty: 'safety-plan', details: { steps: plan.steps.length, keyContacts: plan.keyContacts.length } }], changes: { safetyPlan: plan } };
    }

    case 'share': {
      const plan = ctx.safetyPlan;
      const contact = plan?.keyContacts[command.input.contact];
      if (!contact) return refuse(422, 'no such key contact', [{ field: 'contact', problem: 'is not a key contact on the safety plan' }]);
      const refused: CommandProblem[] = [];
      const missing: string[] = [];
      let basis: string | null = null;
      command.input.items.forEach((item, i) => {
        const may = maySharePlanWith({ permitted: contact.mayShare, ...(contact.perpetratorSide ? { perpetratorSide: true } : {}) }, item, state.consents);
        if (!may.mayShare) {
          refused.push({ field: `items[${i}]`, problem: may.missing ?? 'may not be shared' });
          if (may.missing && !missing.includes(may.missing)) missing.push(may.missing);
        } else basis = may.basis;
      });
      if (refused.length) return refuse(422, 'the safety plan may not be shared', refused, missing);
      return { ok: true, state, events: [{ type: 'safety-plan-updated', duty: 'safety-plan', details: { shared: command.input.items, contact: command.input.contact, basis } }], changes: {} };
    }

    case 'close': {
      const closed = needOpen(state);
      if (closed) return closed;
      if (command.input.discussedWithVictim) state.closureDiscussedWithVictim = true;
      const blockers = closureBlockers(state, config, now);
      if (blockers.length) return refuse(422, 'the case cannot be closed yet', blockers.map((b) => ({ field: 'case', problem: b })), blockers);
      state.status = 'closed';
      state.closedAt = at;
      return { ok: true, state, events: [{ type: 'case-closed', details: { ...(command.input.reason ? { reason: command.input.reason } : {}) } }], changes: {} };
    }

    case 'assign': {
      if (state.status === 'closed') return refuse(409, 'the case is closed', [{ field: 'status', problem: 'must not be closed' }]);
      const { officer, email } = command.input;
      const from = state.assignedOfficer;
      state.assignedOfficer = officer;
      state.assignedOfficerEmail = email;
      return { ok: true, state, events: [{ type: 'officer-assigned', details: { officer, email, ...(from ? { from } : {}) } }], changes: {} };
    }
  }
}

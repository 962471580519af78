/**
 * Staff commands on a case, pure, under one table: each validates its input against the case and the
 * association's policy and returns the new CaseState with the timeline entries to record, or throws a
 * Refusal naming the field and the problem (never a value). Handlers load, call `applyCommand`, and save.
 */
import type * as z from 'zod/mini';
import type { CaseState } from '../case.js';
import { type AcknowledgeCommand, acknowledge } from './acknowledge.js';
import { type AcknowledgeEscalationCommand, acknowledgeEscalation } from './acknowledge-escalation.js';
import { type ActionCommand, action } from './action.js';
import { type AssignCommand, assign } from './assign.js';
import { type CloseCommand, close } from './close.js';
import { type ConsentCommand, consent } from './consent.js';
import { type ContactCommand, contact } from './contact.js';
import { type ContactPlanCommand, contactPlan } from './contact-plan.js';
import { type DashCommand, dash } from './dash.js';
import { type FactsCommand, facts } from './facts.js';
import { type HoldingPauseCommand, holdingPause } from './holding-pause.js';
import { type IncidentCommand, incident } from './incident.js';
import { type PathwayCommand, pathway } from './pathway.js';
import { type ReferralCommand, referral } from './referral.js';
import { type SafetyPlanCommand, safetyPlan } from './safety-plan.js';
import { type ShareCommand, share } from './share.js';
import type { CommandContext, CommandResult } from './types.js';

/** A command and its (already schema-validated) input; acknowledge and action also name a duty. */
export type Command =
  | ContactCommand
  | ContactPlanCommand
  | DashCommand
  | PathwayCommand
  | ReferralCommand
  | AcknowledgeCommand
  | ConsentCommand
  | ActionCommand
  | IncidentCommand
  | FactsCommand
  | HoldingPauseCommand
  | SafetyPlanCommand
  | ShareCommand
  | CloseCommand
  | AssignCommand
  | AcknowledgeEscalationCommand;

/** One command: its input schema, whether its path names a duty, and the rule. */
export interface CommandSpec<C extends Command> {
  schema: z.ZodMiniType;
  namesDuty?: boolean;
  /** Applies the command to a copy of the case the caller may change. */
  apply(state: CaseState, command: C, ctx: CommandContext): CommandResult;
}

/** Every staff command, by kind. */
export const COMMANDS: { [K in Command['kind']]: CommandSpec<Extract<Command, { kind: K }>> } = {
  contact,
  contactPlan,
  dash,
  pathway,
  referral,
  acknowledge,
  consent,
  action,
  incident,
  facts,
  holdingPause,
  safetyPlan,
  share,
  close,
  assign,
  acknowledgeEscalation,
};

/** Applies a staff command to a case (see the module comment); the case passed in is never changed. */
export function applyCommand(current: CaseState, command: Command, ctx: CommandContext): CommandResult {
  const spec = COMMANDS[command.kind] as CommandSpec<Command>;
  return spec.apply(structuredClone(current), command, ctx);
}

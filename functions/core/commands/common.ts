/** Input pieces and checks several commands share: instants a person gave, the open-case rule, a duty done. */
import * as z from 'zod/mini';
import type { AssociationConfig } from '../association.js';
import type { CaseState, DutyState } from '../case.js';
import { DUTIES, type Duty } from '../duties.js';
import { type FieldProblem, Refusal } from '../problems.js';
import { freeText } from '../report.js';
import { route } from '../routing.js';
import type { CommandContext } from './types.js';

const EARLIEST = Date.UTC(1900, 0, 1);
/** Clock skew allowed for an instant "now" sent by a browser. */
const SKEW_MS = 5 * 60_000;

export const note = freeText(4000);
export const instant = z.iso.datetime({ offset: true });
export const duty = z.enum(DUTIES);

/** A refusal because of the case's state now (e.g. it is closed), naming one field. */
export const conflict = (message: string, field: string, problem: string): Refusal =>
  new Refusal('conflict', message, [{ field, problem }]);

/** A refusal because the policy does not allow it, naming one field (and what must happen first, if anything). */
export const unprocessable = (message: string, field: string, problem: string, missing?: string[]): Refusal =>
  new Refusal('unprocessable', message, [{ field, problem }], missing);

/** A refusal of malformed input, worded as every command has always worded it. */
export const invalid = (problems: FieldProblem[], message = 'invalid request'): Refusal =>
  new Refusal('invalid', message, problems);

/** What an instant a person gives must not come before, and how a refusal says so. */
interface NotBefore {
  at: string;
  problem: string;
}

/** Something that happened can have happened no earlier than the report arrived. */
export const afterReport = (state: CaseState): NotBefore => ({
  at: state.reportedAt,
  problem: 'must not be before the report was received',
});

/**
 * When something a person records happened: the instant they gave in `at` — refused (invalid) if
 * before 1900, in the future, or before `notBefore` — else now. ISO, normalised.
 */
export function whenGiven(iso: string | undefined, now: Date, notBefore?: NotBefore): string {
  if (iso === undefined) return now.toISOString();
  const t = Date.parse(iso);
  const problem =
    t < EARLIEST
      ? 'must not be before 1900'
      : t > now.getTime() + SKEW_MS
        ? 'must not be in the future'
        : notBefore && t < Date.parse(notBefore.at)
          ? notBefore.problem
          : undefined;
  if (problem) throw invalid([{ field: 'at', problem }]);
  return new Date(iso).toISOString();
}

/** Refuses (conflict) unless the case is open. */
export function needOpen(state: CaseState): void {
  if (state.status !== 'open')
    throw conflict(`the case is ${state.status}`, 'status', `must be open, is ${state.status}`);
}

/** The duty as done now by the actor, keeping what was recorded on it before. */
export function done(state: CaseState, d: Duty, ctx: CommandContext, extra: Partial<DutyState> = {}): DutyState {
  return { ...(state.duties[d] ?? {}), status: 'done', at: ctx.now.toISOString(), by: ctx.actor, ...extra };
}

/** The action this case requires for the duty, or undefined when the case does not require it. */
export function requiredAction(state: CaseState, config: AssociationConfig, d: Duty) {
  return route(state.facts, config).find((a) => a.duty === d);
}

/** Recording a contact with the victim: starts the contact record and the agreed rhythm (001 §7, 004 §7.3, §7.5.1). */
import { z } from 'zod';
import type { CaseState } from '../case.js';
import { clockSchema } from '../clock-schema.js';
import { CONTACT_METHODS } from '../report.js';
import { afterReport, done, instant, needOpen, note, whenGiven } from './common.js';
import type { CommandContext, CommandResult } from './types.js';

const schema = z.strictObject({
  at: instant.optional(),
  method: z.enum(CONTACT_METHODS).optional(),
  /** A contact rhythm the victim agreed instead of the policy's (001 §7). */
  agreedRhythm: clockSchema
    .refine((c) => !('minutes' in c), 'must be in hours, days or working days, not minutes')
    .optional(),
  /** How future contact is made safely was agreed with the victim (004 §7.3). */
  safeContactAgreed: z.boolean().optional(),
  note: note.optional(),
});

export type ContactCommand = { kind: 'contact'; input: z.infer<typeof schema> };

/** POST …/contacts: a contact made (now, or when it happened). */
export const contact = {
  schema,
  apply(state: CaseState, { input }: ContactCommand, ctx: CommandContext): CommandResult {
    needOpen(state);
    const when = whenGiven(input.at, ctx.now, afterReport(state));
    state.contacts = [...state.contacts, when].sort();
    if (state.duties['initial-contact']?.status !== 'done')
      state.duties['initial-contact'] = done(state, 'initial-contact', ctx, { at: when });
    if (input.safeContactAgreed) state.duties['agree-safe-contact'] = done(state, 'agree-safe-contact', ctx);
    if (input.agreedRhythm) state.agreedContactRhythm = input.agreedRhythm;
    const details = {
      at: when,
      ...(input.method ? { method: input.method } : {}),
      ...(input.agreedRhythm ? { agreedRhythm: input.agreedRhythm } : {}),
      ...(input.note ? { note: input.note } : {}),
    };
    return { state, events: [{ type: 'contact-made', at: when, details }], changes: {} };
  },
};

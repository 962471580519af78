import * as z from 'zod/mini';
import { type Clock, clockSchema, nationSchema } from './clock-schema.js';
import { DASH_CHECKLISTS } from './dash-checklist.js';
import { CLOCK_DUTY, DUTIES, type Duty, STAFF_ROLES } from './duties.js';
import { FIRST_CONTACT_WITHOUT_SAFE_WAY, safeWayConfigProblems } from './rules/no-safe-contact.js';
import './zod-en.js';

const phone = z.string().check(z.regex(/^(\+44 ?|0)[0-9 ]{6,14}[0-9]$/, 'a UK phone number such as 0808 2000 247'));
const slug = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens'));

/** What a service offers; pathways (pathways.ts) pick contacts by kind. */
export const SERVICE_KINDS = [
  'helpline',
  'refuge',
  'sanctuary',
  'idva',
  'legal',
  'perpetrator',
  'lgbt',
  'male-victims',
  'honour-based',
  'housing-options',
  'local-authority',
  'police',
  'modern-slavery',
  'children',
  'adults',
  'domestic-abuse-service', // a local specialist domestic abuse service (002 §6, 003, 001 SADA)
  'victim-support', // general support for victims of crime (003)
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** A support service the reporter or officer can be pointed to. */
export const serviceSchema = z.strictObject({
  name: z.string().check(z.minLength(2)),
  phone: z.optional(phone),
  url: z.optional(z.url()),
  email: z.optional(z.email()),
  hours: z.optional(z.string()),
  kinds: z.array(z.enum(SERVICE_KINDS)).check(z.minLength(1)),
});
export type Service = z.infer<typeof serviceSchema>;

/** How a MARAC referral is made in one local authority area (002 §6). */
export const maracRouteSchema = z.strictObject({
  how: z.enum(['online-form', 'form-download', 'email', 'local-authority', 'police']),
  url: z.optional(z.url()),
  email: z.optional(z.email()),
  dashFormUrl: z.optional(z.url()),
  representedBy: z.optional(z.string()),
  notes: z.optional(z.string()),
});

/** A local authority area the association works in, with its MARAC route and local services. */
export const areaSchema = z.strictObject({
  id: slug,
  name: z.string().check(z.minLength(2)),
  marac: maracRouteSchema,
  /** An agency that must be given the names of every case in this area to check with MARAC (002 §6 Kirklees). */
  namesCheck: z.optional(serviceSchema),
  services: z.array(serviceSchema),
});
export type Area = z.infer<typeof areaSchema>;

const weekday = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday']);

/** The association's config: everything in which two associations' policies differ. */
export const associationConfigSchema = z
  .strictObject({
    id: slug,
    name: z.string().check(z.minLength(2)),
    /** The seed policy this config carries out, for tracing a value back to its source. */
    policy: z.strictObject({
      seed: z.string().check(z.regex(/^\d{3}$/)),
      title: z.string(),
      reviewed: z.optional(z.string()),
    }),
    nation: nationSchema,
    referencePrefix: z.string().check(z.regex(/^[A-Z]{2,4}$/, 'two to four capital letters')),
    riskTool: z.strictObject({
      name: z.literal('dash'),
      version: z
        .string()
        .check(
          z.refine(
            (v) => v in DASH_CHECKLISTS,
            `must be a DASH checklist version Haven scores (${Object.keys(DASH_CHECKLISTS).join(', ')})`,
          ),
        ),
    }),
    /** Every clock the association's policy sets; absent where its policy sets none. */
    clocks: z.strictObject({
      /** Immediate danger (002 §6, 003, 004 §7.4.3): minutes, not a day; the length is an example, no policy gives one. */
      emergencyAdvice: z.optional(clockSchema),
      initialContact: z.optional(clockSchema),
      /** No safe way to reach the victim known: deciding how (rules/no-safe-contact.ts), from the report. */
      decideSafeContact: z.optional(clockSchema),
      safeguardingLog: z.optional(clockSchema),
      localAuthorityReport: z.optional(clockSchema),
      cqcReport: z.optional(clockSchema),
      cqcNotifiableLimit: z.optional(clockSchema),
      emergencySecurityWorks: z.optional(clockSchema),
      regularContact: z.optional(clockSchema),
      holdingArea: z.optional(clockSchema),
    }),
    /**
     * No safe way to reach the victim known, or no direct contact (rules/no-safe-contact.ts):
     * 'decide-safe-contact' (the contact clocks wait; deciding how has its own clock) or
     * 'keep-initial-contact' (the initial-contact clock keeps running). config/README.md gives the policy text.
     */
    firstContactWithoutSafeWay: z.enum(FIRST_CONTACT_WITHOUT_SAFE_WAY),
    /** The duties the association's policy adopts, each with the role that owns it. */
    duties: z.partialRecord(z.enum(DUTIES), z.strictObject({ owner: z.enum(STAFF_ROLES) })),
    services: z.strictObject({
      /** Runs registered (CQC) care services: switches CQC notification on (000). */
      registeredCare: z.boolean(),
      supportedHousing: z.boolean(),
    }),
    /** Whether the victim chooses one of the pathways of policy 002 §6. */
    pathways: z.boolean(),
    escalation: z.strictObject({
      /** Role → mailbox. `case-officer` falls back to this when no officer is assigned. */
      mailboxes: z.record(z.enum([...STAFF_ROLES, 'operations']), z.email()),
      roleTitles: z.partialRecord(z.enum(STAFF_ROLES), z.string()),
      /** First tier fires at the breach; each later tier fires its `after` period after the one before. */
      tiers: z
        .array(
          z.strictObject({
            after: z.optional(clockSchema),
            notify: z.array(z.enum(STAFF_ROLES)).check(z.minLength(1)),
          }),
        )
        .check(z.minLength(1)),
      /**
       * Someone who takes an escalation on ("I've got this") holds the chain's next tier until this long
       * after they did, while the duty is still open; each tier once, from its first acknowledgement
       * (rules/escalation-acknowledgement.ts). Absent: no hold.
       */
      acknowledgementHolds: z.optional(clockSchema),
    }),
    /** Lessons-learned review after closure (000): the next monthly forum, sooner for high risk. */
    lessonsLearned: z.optional(
      z.strictObject({
        forum: z.strictObject({
          week: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal('last')]),
          weekday,
        }),
        highRisk: clockSchema,
      }),
    ),
    intake: z.strictObject({
      /**
       * A report sent again without an Idempotency-Key (the same body) is the same report only this long
       * after the first, and only while its case is not closed (rules/repeat-report.ts); after that it is
       * a new case. Hours of real time, at most a week: a short window, not a memory.
       */
      duplicateWindow: z.strictObject({
        hours: z.number().check(z.int(), z.positive(), z.lte(7 * 24)),
      }),
    }),
    /** Ask for feedback after closure through the victim's safe channel (003, 001). */
    feedbackAfterClosure: z.boolean(),
    contact: z.strictObject({ phone: z.optional(phone), website: z.optional(z.url()) }),
    /**
     * The public form: the one title every page has, so no history entry or tab says what the visit
     * was (default "<name> - Contact us"). Keep it as dull as the association's own contact page.
     */
    publicForm: z.optional(
      z.strictObject({ pageTitle: z.optional(z.string().check(z.minLength(2), z.maxLength(80))) }),
    ),
    areas: z.array(areaSchema).check(z.minLength(1)),
    nationalServices: z.array(serviceSchema),
  })
  .check(
    z.superRefine((cfg, ctx) => {
      const ids = new Set<string>();
      cfg.areas.forEach((a, i) => {
        if (ids.has(a.id))
          ctx.addIssue({ code: 'custom', path: ['areas', i, 'id'], message: `duplicate area id "${a.id}"` });
        ids.add(a.id);
      });
      cfg.escalation.tiers.forEach((t, i) => {
        if (i > 0 && !t.after)
          ctx.addIssue({
            code: 'custom',
            path: ['escalation', 'tiers', i, 'after'],
            message: 'every tier after the first needs an "after" period',
          });
      });
      // Danger first (the caseload flag, the case banner) ends only when this duty is recorded.
      if (!cfg.duties['advise-emergency-services'])
        ctx.addIssue({
          code: 'custom',
          path: ['duties', 'advise-emergency-services'],
          message: 'is required: a case reported in immediate danger is shown first until this duty is recorded',
        });
      for (const [clock, length] of Object.entries(cfg.clocks) as [ClockName, Clock | undefined][])
        if (length && 'minutes' in length && clock !== 'emergencyAdvice')
          ctx.addIssue({
            code: 'custom',
            path: ['clocks', clock],
            message: 'only the emergency advice clock runs in minutes',
          });
      for (const problem of safeWayConfigProblems(cfg)) ctx.addIssue({ code: 'custom', ...problem });
      for (const [clock, duty] of Object.entries(CLOCK_DUTY_OF) as [ClockName, Duty][]) {
        if (cfg.clocks[clock] && !cfg.duties[duty])
          ctx.addIssue({
            code: 'custom',
            path: ['duties', duty],
            message: `clock "${clock}" is set but its duty "${duty}" is not adopted`,
          });
      }
    }),
  );
export type AssociationConfig = z.infer<typeof associationConfigSchema>;
export type ClockName = keyof AssociationConfig['clocks'];

/** CLOCK_DUTY (duties.ts, free of schemas so a bundle takes it without this file's), typed: every clock has its duty. */
const CLOCK_DUTY_OF: Record<ClockName, Duty> = CLOCK_DUTY;

/** Parses an association config, throwing an error that names the source and the first bad fields. */
export function parseAssociationConfig(raw: unknown, source: string): AssociationConfig {
  const result = associationConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
  throw new Error(`Invalid association config ${source}: ${problems}`);
}

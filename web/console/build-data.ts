/**
 * Writes web/console/data/<association>.json: what the staff console shows that the staff API does not
 * send (area names and services, the pathways with their actions, the DASH questions, which duties are
 * done by a referral, what happens when no safe way to reach the victim is known). Generated from config/ and functions/core so each rule keeps one home;
 * test/console/checks.test.ts fails when stale.
 * Run: `npx tsx web/console/build-data.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ASSOCIATION_IDS, getAssociation } from '../../config/index.js';
import { REFERRAL_DUTIES } from '../../functions/core/commands/referral.js';
import { CONTACT_WAYS } from '../../functions/core/contact-plan.js';
import { DASH_CHECKLISTS } from '../../functions/core/dash-checklist.js';
import { OVERRIDE_BASES } from '../../functions/core/duties.js';
import { PATHWAY_DEFINITIONS, pathwayPlan } from '../../functions/core/pathways.js';
import { ABUSE_TYPES } from '../../functions/core/report.js';
import { ESCALATION_INCIDENTS, FLAG_WINDOW_MONTHS } from '../../functions/core/rules/case-flags.js';
import { DECIDE_SAFE_CONTACT, NEEDS_A_SAFE_WAY, SAFE_WAY_WORDS } from '../../functions/core/rules/no-safe-contact.js';

/** The console data of one association, as JSON text. */
export function consoleData(associationId: string): string {
  const config = getAssociation(associationId);
  const [checklist] = Object.values(DASH_CHECKLISTS);
  if (!checklist) throw new Error('there is no DASH checklist to describe');
  const data = {
    id: config.id,
    name: config.name,
    nation: config.nation,
    clocks: config.clocks,
    /** No safe way to reach the victim (rules/no-safe-contact.ts): what this association does, and the words. */
    withoutSafeWay: {
      firstContact: config.firstContactWithoutSafeWay,
      decideDuty: DECIDE_SAFE_CONTACT,
      decideClock: config.clocks.decideSafeContact ?? null,
      /** The duties whose clocks wait for the decision (none when initial contact keeps running). */
      waiting:
        config.firstContactWithoutSafeWay === 'decide-safe-contact'
          ? NEEDS_A_SAFE_WAY.filter((d) => config.duties[d])
          : [],
      words: SAFE_WAY_WORDS,
    },
    areas: config.areas.map((a) => ({ id: a.id, name: a.name, marac: a.marac })),
    pathways: config.pathways
      ? PATHWAY_DEFINITIONS.map((p) => ({
          id: p.id,
          title: p.title,
          byArea: Object.fromEntries(
            config.areas.map((a) => {
              const plan = pathwayPlan(p.id, a.id, config);
              return [
                a.id,
                { actions: plan.actions, local: Object.values(plan.local).flat(), national: plan.national },
              ];
            }),
          ),
        }))
      : null,
    dash: {
      version: checklist.version,
      title: checklist.title,
      highRiskThreshold: checklist.highRiskThreshold,
      questions: checklist.questions,
    },
    overrideBases: OVERRIDE_BASES,
    /** The ways a contact is made and a safe-contact plan allows (core/contact-plan.ts). */
    contactWays: CONTACT_WAYS,
    abuseTypes: ABUSE_TYPES,
    referralDuties: REFERRAL_DUTIES,
    /** The case flags' window and threshold (rules/case-flags.ts), for the words beside them. */
    flags: { windowMonths: FLAG_WINDOW_MONTHS, escalationIncidents: ESCALATION_INCIDENTS },
  };
  return `${JSON.stringify(data, null, 1)}\n`;
}

/** Where the data file of an association lives. */
export const dataFile = (associationId: string) =>
  fileURLToPath(new URL(`./data/${associationId}.json`, import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const id of ASSOCIATION_IDS) writeFileSync(dataFile(id), consoleData(id));
  console.log(`wrote ${ASSOCIATION_IDS.length} console data files`);
}

import type { Area, AssociationConfig, Service, ServiceKind } from './association.js';
import type { Pathway } from './case.js';
import { areaContacts } from './rules/kirklees-refuge.js';

/** One step of a pathway, with the kinds of service whose contacts it needs. */
export interface PathwayAction {
  text: string;
  kinds: ServiceKind[];
}

/** A pathway the victim may choose (002 §6). */
export interface PathwayDefinition {
  id: Pathway;
  title: string;
  actions: PathwayAction[];
}

const SAFETY_PLAN: PathwayAction = {
  text: "Support the customer to create a safety plan (Women's Aid survivors' handbook)",
  kinds: [],
};
const HELPLINE: PathwayAction = {
  text: 'Provide the customer with the National Domestic Abuse Helpline number',
  kinds: ['helpline'],
};
const SUPPORT: PathwayAction = {
  text: 'Refer the customer to a support service for domestic abuse if further support is needed',
  kinds: ['domestic-abuse-service'],
};
const IDVA: PathwayAction = {
  text: 'Refer the customer to an IDVA (Independent Domestic Violence Advisor) if they want support',
  kinds: ['idva'],
};
const SOLICITOR: PathwayAction = {
  text: 'Contact or advise the customer to meet a family law solicitor about non-molestation orders, child arrangements orders etc.',
  kinds: ['legal'],
};
/** Specialist helplines a victim may need whichever pathway they choose (002 §6 "further advice"). */
const SPECIALIST_KINDS: ServiceKind[] = ['lgbt', 'male-victims', 'honour-based'];

/** The four pathways of 002 §6, as data. */
export const PATHWAY_DEFINITIONS: readonly PathwayDefinition[] = [
  {
    id: 'leave-relationship-and-property',
    title: 'Leave the relationship and the property',
    actions: [
      {
        text: "Contact the area's refuge service (below) to check available refuge space throughout the UK",
        kinds: ['refuge'],
      },
      { text: "Contact Women's Aid and Refuge for domestic abuse advice and support", kinds: ['helpline'] },
      HELPLINE,
      { text: 'Contact or advise the customer to attend Housing Options', kinds: ['housing-options'] },
      SOLICITOR,
      SUPPORT,
      IDVA,
      SAFETY_PLAN,
    ],
  },
  {
    id: 'stay-in-relationship',
    title: 'Stay in the relationship',
    actions: [
      HELPLINE,
      {
        text: "Support the customer to make a Clare's Law disclosure request by calling the police on 101",
        kinds: ['police'],
      },
      SUPPORT,
      SAFETY_PLAN,
    ],
  },
  {
    id: 'end-relationship-stay-in-property',
    title: 'End the relationship and stay in the property',
    actions: [
      SOLICITOR,
      SUPPORT,
      {
        text: 'Refer and support the customer to a sanctuary or target-hardening scheme to secure the property; for a general needs tenant, contact the Community Housing Officer',
        kinds: ['sanctuary'],
      },
      HELPLINE,
      IDVA,
      SAFETY_PLAN,
    ],
  },
  {
    id: 'resident-is-perpetrator',
    title: 'The customer is the perpetrator',
    actions: [
      {
        text: 'On their request, refer the customer to local perpetrator support and advice (direct work only by a specialist)',
        kinds: ['perpetrator'],
      },
      { text: "Refer the customer to the 'I need help to stop' helpline for perpetrators", kinds: ['perpetrator'] },
      { text: 'Record any risks on the housing record', kinds: [] },
      {
        text: 'Complete a risk assessment and follow the Lone Working Policy: risk to colleagues may be heightened',
        kinds: [],
      },
      { text: 'Complete an internal safeguarding report after an incident of domestic abuse', kinds: [] },
    ],
  },
];

/** A pathway's actions with the contacts for them: the area's services by kind, then the association's national ones. */
export interface PathwayPlan {
  pathway: Pathway;
  title: string;
  actions: string[];
  area: { id: string; name: string };
  local: Partial<Record<ServiceKind, Service[]>>;
  national: Service[];
}

/** The actions and contacts for the pathway a victim chose, in their area (002 §6). */
export function pathwayPlan(pathway: Pathway, area: string | Area, config: AssociationConfig): PathwayPlan {
  if (!config.pathways) throw new Error(`Association "${config.id}" does not use pathways`);
  const definition = PATHWAY_DEFINITIONS.find((p) => p.id === pathway);
  if (!definition) throw new Error(`Unknown pathway "${pathway}"`);
  const areaId = typeof area === 'string' ? area : area.id;
  const found = config.areas.find((a) => a.id === areaId);
  if (!found)
    throw new Error(
      `Unknown area "${areaId}" for association "${config.id}"; known areas: ${config.areas.map((a) => a.id).join(', ')}`,
    );

  const kinds = new Set<ServiceKind>(definition.actions.flatMap((a) => a.kinds));
  if (pathway !== 'resident-is-perpetrator') for (const k of SPECIALIST_KINDS) kinds.add(k);
  const local: Partial<Record<ServiceKind, Service[]>> = {};
  const localServices = areaContacts(found);
  for (const kind of kinds) {
    const matching = localServices.filter((s) => s.kinds.includes(kind));
    if (matching.length) local[kind] = matching;
  }
  return {
    pathway,
    title: definition.title,
    actions: definition.actions.map((a) => a.text),
    area: { id: found.id, name: found.name },
    local,
    national: config.nationalServices.filter((s) => s.kinds.some((k) => kinds.has(k))),
  };
}

/**
 * The Kirklees rule (002 §6): in an area whose policy names a names-check agency (Kirklees: North
 * Kirklees Women's Refuge, NKWR), every case's names are given to that agency, who check them with
 * MARAC; the agency is also one of the area's contacts (NKWR is Kirklees' refuge). Routing and the
 * pathways ask here; the agency itself is association config (`areas[].namesCheck`).
 */
import type { Area, AssociationConfig, Service } from '../association.js';
import type { CaseFacts } from '../case.js';

/** The agency a case's names go to, if the case is in an area the association works in that names one. */
export function namesCheckAgency(
  facts: Pick<CaseFacts, 'area'>,
  config: Pick<AssociationConfig, 'areas'>,
): Service | undefined {
  return facts.area ? config.areas.find((a) => a.id === facts.area)?.namesCheck : undefined;
}

/**
 * The names-check action in words that name the agency and how to reach it, all from config
 * (002 §6: "Refer all names of Kirklees customers to North Kirklees Women's Refuge who can check
 * with MARAC and support you with safeguarding").
 */
export function namesCheckWhy(agency: Service): string {
  const reach = [agency.phone, agency.email, agency.url, agency.hours].filter(Boolean).join(', ');
  return `Give this case's names to ${agency.name}${reach ? ` (${reach})` : ''}, who check them with MARAC and support with safeguarding: the area's policy for every case (002 §6).`;
}

/** An area's contacts: its services, and its names-check agency where it has one. */
export function areaContacts(area: Pick<Area, 'services' | 'namesCheck'>): Service[] {
  return area.namesCheck ? [...area.services, area.namesCheck] : area.services;
}

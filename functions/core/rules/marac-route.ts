/**
 * How to refer a case to its area's MARAC (002 §6: the route differs by area; 004 §7.4.4). The route
 * itself is association config (`areas[].marac`); this rule says, for a case that needs a MARAC
 * referral, which route applies and in what words, with the area's contacts the route goes through
 * (the local authority or the police, where the referral goes that way) and who gives further guidance
 * (a names-check agency such as NKWR, where the area has one).
 */
import type { Area, AssociationConfig, Service } from '../association.js';
import type { CaseFacts } from '../case.js';
import type { RequiredAction } from '../routing.js';

type Route = Area['marac'];

/** The MARAC route of a case's area, as the case view carries it. */
interface MaracRouteView {
  /** The area (null when the case has none recorded, or one the association does not work in). */
  area: { id: string; name: string } | null;
  /** What the route is called: "<area> MARAC". */
  name?: string;
  how?: Route['how'];
  /** One sentence saying how to refer, from the route's config. */
  words: string;
  url?: string;
  email?: string;
  dashFormUrl?: string;
  representedBy?: string;
  notes?: string;
  /** The area's contacts the referral goes through (local authority or police routes) or who guide it. */
  contacts: Service[];
}

const HOW_WORDS: Record<Route['how'], string> = {
  'online-form': "Refer using the MARAC's online referral form.",
  'form-download': 'Download the MARAC referral form, complete it with the DASH and send it as the form says.',
  email: 'Refer by secure email to the MARAC.',
  'local-authority': "Refer through the local authority's MARAC coordinator.",
  police: 'Refer through the police, who coordinate the MARAC.',
};

/** The kinds of area contact a route goes through. */
const ROUTE_KINDS: Partial<Record<Route['how'], Service['kinds'][number]>> = {
  'local-authority': 'local-authority',
  police: 'police',
};

/** The MARAC route of one area. */
function maracRouteOfArea(area: Area): MaracRouteView {
  const { how, url, email, dashFormUrl, representedBy, notes } = area.marac;
  const kind = ROUTE_KINDS[how];
  const contacts = [
    ...(kind ? area.services.filter((s) => s.kinds.includes(kind)) : []),
    // A names-check agency checks with MARAC and guides referrals (002 §6: NKWR for Kirklees).
    ...(area.namesCheck ? [area.namesCheck] : []),
  ];
  return {
    area: { id: area.id, name: area.name },
    name: `${area.name} MARAC`,
    how,
    words: HOW_WORDS[how],
    ...(url ? { url } : {}),
    ...(email ? { email } : {}),
    ...(dashFormUrl ? { dashFormUrl } : {}),
    ...(representedBy ? { representedBy } : {}),
    ...(notes ? { notes } : {}),
    contacts,
  };
}

/**
 * The MARAC route for a case whose required actions include a MARAC referral; null when it needs
 * none. With no known area the route says to record the area first, never a guess.
 */
export function maracRouteFor(
  facts: Pick<CaseFacts, 'area'>,
  actions: readonly Pick<RequiredAction, 'duty'>[],
  config: Pick<AssociationConfig, 'areas'>,
): MaracRouteView | null {
  if (!actions.some((a) => a.duty === 'marac-referral')) return null;
  const area = facts.area ? config.areas.find((a) => a.id === facts.area) : undefined;
  if (!area)
    return {
      area: null,
      words: `Record the victim's area to see how to refer to its MARAC (areas: ${config.areas.map((a) => a.name).join(', ')}).`,
      contacts: [],
    };
  return maracRouteOfArea(area);
}

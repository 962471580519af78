/**
 * Homes and earlier cases: link items (a keyed hash of a normalised identifier → the case carrying
 * it), the cases sharing a link, and markers on a home shown on every case there.
 */
import { CASE_SUMMARY_ATTRIBUTES, ITEM_TYPE, keys } from '../../contract/table-layout.js';
import { RepositoryUsageError } from '../errors.js';
import { homeKeys } from '../link-keys.js';
import { batchGet, batchPut, putItem, queryAll, type Store } from './access.js';
import { summaryOf } from './items.js';
import type { HomeMarker, LinkedCase, LinkKey, LinkKind } from './types.js';

/** DynamoDB reserved words among the summary's attribute names: they stand in the expression as `#name`. */
const RESERVED = new Set(['reference', 'status', 'risk', 'version']);

/**
 * What a linked case shows: its clear summary, and from its clear figures facts the instants of its
 * MARAC referrals (so a referral of this victim or home on another case makes this one a repeat).
 */
const SUMMARY_PROJECTION = {
  expression: [...CASE_SUMMARY_ATTRIBUTES.map((a) => (RESERVED.has(a) ? `#${a}` : a)), '#figures.maracReferrals'].join(
    ', ',
  ),
  names: {
    ...Object.fromEntries(CASE_SUMMARY_ATTRIBUTES.filter((a) => RESERVED.has(a)).map((a) => [`#${a}`, a])),
    '#figures': 'figures',
  },
};

/** The MARAC referral instants in a linked case's figures facts (none on an item written before they were kept). */
function maracReferralsOf(item: Record<string, unknown>): string[] {
  const figures = item.figures as { maracReferrals?: unknown } | undefined;
  const list = Array.isArray(figures?.maracReferrals) ? figures.maracReferrals : [];
  return list.filter((x): x is string => typeof x === 'string');
}

/** The link keys without repeats (first one kept). */
export function dedupeLinks(linkKeys: LinkKey[]): LinkKey[] {
  const seen = new Set<string>();
  return linkKeys.filter((l) => {
    const k = `${l.kind}:${l.key}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Writes the link items of a case. */
export async function putLinks(store: Store, caseId: string, linkKeys: LinkKey[]): Promise<void> {
  // Plain puts, batched: a link item's content is fixed by its key, so repeating one is harmless.
  const items = linkKeys.map((l) => ({ ...keys.link(l, caseId), itemType: ITEM_TYPE.link, caseId, linkKind: l.kind }));
  await batchPut(store, items);
}

/** Cases sharing any of `linkKeys`, newest first, each with what matched. */
export async function findLinkedCases(
  store: Store,
  linkKeys: LinkKey[],
  options: { excludeCaseId?: string } = {},
): Promise<LinkedCase[]> {
  const matched = new Map<string, Set<LinkKind>>();
  await Promise.all(
    dedupeLinks(linkKeys).map(async (l) => {
      const items = await queryAll(store, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.linkPk(l) },
      });
      for (const i of items) {
        const id = i.caseId as string;
        if (id === options.excludeCaseId) continue;
        const kinds = matched.get(id) ?? new Set<LinkKind>();
        kinds.add(l.kind);
        matched.set(id, kinds);
      }
    }),
  );
  const items = await batchGet(
    store,
    [...matched.keys()].map((id) => keys.case(id)),
    SUMMARY_PROJECTION,
  );
  // batchGet returns only the cases asked for, each of them matched on at least one link.
  const matchedOn = (caseId: string) => {
    const kinds = matched.get(caseId);
    if (!kinds) throw new Error('batchGet returned a case that was not asked for');
    return [...kinds].sort();
  };
  return items
    .map((i) => ({ ...summaryOf(i), matchedOn: matchedOn(i.caseId as string), maracReferrals: maracReferralsOf(i) }))
    .sort((a, b) => (a.reportedAt > b.reportedAt ? -1 : a.reportedAt < b.reportedAt ? 1 : 0));
}

/** What a marker is set (or lifted) with. */
export interface MarkerInput {
  kind?: HomeMarker['kind'];
  active?: boolean;
  setBy: string;
  setAt?: string;
  sourceCaseId?: string;
}

/**
 * Sets (or, with `active: false`, lifts) a marker on a home — every home key given (property
 * reference and address) so every case at that home shows it.
 */
export async function setHomeMarker(store: Store, home: LinkKey | LinkKey[], marker: MarkerInput): Promise<void> {
  const homes = homeKeys(Array.isArray(home) ? home : [home]);
  if (homes.length === 0) throw new RepositoryUsageError('a marker needs a property or address link key');
  const kind = marker.kind ?? 'staff-safety';
  const setAt = marker.setAt ?? store.now().toISOString();
  for (const h of homes) {
    await putItem(store, {
      Item: {
        ...keys.marker(h, kind),
        itemType: ITEM_TYPE.marker,
        kind,
        homeKind: h.kind,
        homeKey: h.key,
        active: marker.active ?? true,
        setAt,
        setBy: marker.setBy,
        ...(marker.sourceCaseId ? { sourceCaseId: marker.sourceCaseId } : {}),
      },
    });
  }
}

/**
 * The active markers on the homes among `linkKeys`. A home known by several keys (property
 * reference and address) may carry one record per key: per kind, the latest decision wins.
 */
export async function markersFor(store: Store, linkKeys: LinkKey[]): Promise<HomeMarker[]> {
  const lists = await Promise.all(
    homeKeys(dedupeLinks(linkKeys)).map((h) =>
      queryAll(store, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)',
        ExpressionAttributeValues: { ':pk': keys.homePk(h), ':m': keys.markerPrefix },
      }),
    ),
  );
  const latest = new Map<string, Record<string, unknown>>();
  for (const i of lists.flat()) {
    const seen = latest.get(i.kind as string);
    if (!seen || (i.setAt as string) > (seen.setAt as string)) latest.set(i.kind as string, i);
  }
  return [...latest.values()]
    .filter((i) => i.active === true)
    .map((i) => {
      const m: HomeMarker = {
        kind: i.kind as HomeMarker['kind'],
        home: { kind: i.homeKind as LinkKind, key: i.homeKey as string },
        active: true,
        setAt: i.setAt as string,
        setBy: i.setBy as string,
      };
      if (i.sourceCaseId) m.sourceCaseId = i.sourceCaseId as string;
      return m;
    });
}

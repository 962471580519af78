/**
 * One page merged from several ordered listings (each a Query of its own: a tier of the open indexes,
 * an area's listing), under one position: where each listing stands. Positions are plain values, never
 * cursors inside cursors: only the edge encodes one (cursor.ts). Each listing must already be in
 * `order`; a listing moves on by exactly the items of it that made the page (to where it stands after
 * its last item used), so nothing is skipped or repeated.
 */

/** Where each listing of a merged page stands: its own position, null from its start; absent when it is done. */
export type ListingCursors<P> = Record<string, P | null>;

/** One page of one listing: `after[i]` is where it stands once items[0..i] are used; `next` after them all. */
export interface ListingPage<T, P> {
  items: T[];
  after: P[];
  next?: P;
}

/** Reads `limit` items of one listing from its position (undefined: from its start). */
export type ReadListing<T, P> = (listing: string, limit: number, at: P | undefined) => Promise<ListingPage<T, P>>;

/** A merged position is ours when it names only `listings`, each null or a position `isPosition` accepts. */
export function isListingCursors<P>(
  listings: readonly string[],
  isPosition: (v: unknown) => v is P,
): (value: unknown) => value is ListingCursors<P> {
  return (c: unknown): c is ListingCursors<P> =>
    !!c &&
    typeof c === 'object' &&
    !Array.isArray(c) &&
    Object.entries(c).every(([name, v]) => listings.includes(name) && (v === null || isPosition(v)));
}

/** The merged page of `listings` from `starts` (every listing from its start when absent), in `order`. */
export async function mergedPage<T, P>(
  read: ReadListing<T, P>,
  listings: readonly string[],
  starts: ListingCursors<P> | undefined,
  limit: number,
  order: (a: T, b: T) => number,
): Promise<ListingPage<T, ListingCursors<P>>> {
  const from = starts ?? Object.fromEntries(listings.map((l) => [l, null]));
  const pages = await Promise.all(
    Object.keys(from).map(async (listing) => ({
      listing,
      ...(await read(listing, limit, from[listing] ?? undefined)),
    })),
  );
  const stands: ListingCursors<P> = { ...from };
  for (const p of pages) if (!p.items.length) moveOn(stands, p.listing, p.next);
  const merged = pages
    .flatMap((p) => p.items.map((item, i) => ({ item, i, p })))
    .sort((a, b) => order(a.item, b.item))
    .slice(0, limit);
  const after: ListingCursors<P>[] = [];
  for (const { i, p } of merged) {
    moveOn(stands, p.listing, i === p.items.length - 1 ? p.next : p.after[i]);
    after.push({ ...stands });
  }
  return { items: merged.map((m) => m.item), after, ...(Object.keys(stands).length ? { next: stands } : {}) };
}

/** A listing stands at `to`, or is done (absent) without one. */
function moveOn<P>(stands: ListingCursors<P>, listing: string, to: P | undefined): void {
  if (to === undefined) delete stands[listing];
  else stands[listing] = to;
}

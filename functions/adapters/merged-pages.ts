/**
 * One page merged from several ordered listings (each a Query of its own: a tier of the open indexes,
 * an area's listing), under one cursor: where each listing stands. Each listing must already be in
 * `order`; a listing's cursor moves on by exactly the items of it that made the page (re-read with that
 * many), so nothing is skipped or repeated.
 */
import { decodeCursor } from './cursor.js';

/** Where each listing of a merged page stands: its own cursor, null from its start; absent when it is done. */
export type ListingCursors = Record<string, string | null>;

/** One page of one listing. */
interface ListingPage<T> {
  items: T[];
  cursor?: string;
}

/** Reads `limit` items of one listing from its cursor (undefined: from its start). */
export type ReadListing<T> = (listing: string, limit: number, cursor: string | undefined) => Promise<ListingPage<T>>;

/** A merged cursor, refused (InvalidInputError) unless it names only `listings`. */
export function listingCursors(raw: string, listings: readonly string[]): ListingCursors {
  const isOurs = (c: unknown): c is ListingCursors =>
    !!c &&
    typeof c === 'object' &&
    !Array.isArray(c) &&
    Object.entries(c).every(
      ([name, v]) => listings.includes(name) && (v === null || (typeof v === 'string' && v.length < 4000)),
    );
  return decodeCursor(raw, isOurs);
}

/** The merged page of `listings` from `starts` (every listing from its start when absent), in `order`. */
export async function mergedPage<T>(
  read: ReadListing<T>,
  listings: readonly string[],
  starts: ListingCursors | undefined,
  limit: number,
  order: (a: T, b: T) => number,
): Promise<{ items: T[]; next?: ListingCursors }> {
  const from = starts ?? Object.fromEntries(listings.map((l) => [l, null]));
  const pages = await Promise.all(
    Object.keys(from).map(async (listing) => ({
      listing,
      ...(await read(listing, limit, from[listing] ?? undefined)),
    })),
  );
  const merged = pages
    .flatMap((p) => p.items.map((item) => ({ item, listing: p.listing })))
    .sort((a, b) => order(a.item, b.item))
    .slice(0, limit);
  const next: ListingCursors = {};
  for (const p of pages) {
    const used = merged.filter((m) => m.listing === p.listing).length;
    if (used === p.items.length) {
      if (p.cursor) next[p.listing] = p.cursor;
    } else if (used === 0) next[p.listing] = from[p.listing] ?? null;
    else {
      const again = await read(p.listing, used, from[p.listing] ?? undefined);
      if (again.cursor) next[p.listing] = again.cursor;
    }
  }
  return { items: merged.map((m) => m.item), ...(Object.keys(next).length ? { next } : {}) };
}

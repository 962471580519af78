/**
 * The start-up repair of dynalite's index entries. dynalite keeps each global secondary index (the
 * caseload's open-by-due and open-by-area-due, the figures' quarters, by-reference) as LevelDB entries
 * of their own, and a PutItem writes them before the item and not in one batch (dynalite 4,
 * actions/putItem.js: updateIndexes, then the item). A kill -9 between the two leaves index entries
 * the item does not have: a ghost on the caseload for a case never written, a case listed in another
 * area or as open after it closed, or a case missing from its list. DynamoDB itself keeps an item and
 * its indexes together, so this is a local-only repair, run on the data dir before dynalite opens it:
 * every index entry is compared with the one its table's items imply (computed by dynalite's own
 * code), and extra entries are removed, stale or missing ones rewritten from the item. Idempotent.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A DynamoDB item as dynalite stores it (attribute → typed value). */
type StoredItem = Record<string, unknown>;
interface StoredTable {
  TableName: string;
  GlobalSecondaryIndexes?: { IndexName: string }[];
  LocalSecondaryIndexes?: { IndexName: string }[];
}
interface IndexAction {
  index: string;
  key: string;
  item: StoredItem;
}
type BatchOp = { type: 'put'; key: string; value: unknown } | { type: 'del'; key: string };
/** The little of dynalite's LevelDB store (dynalite/db) the repair uses. */
export interface DynaliteStore {
  db: {
    open(): Promise<void>;
    iterator(range: { gte: string; lt: string }): AsyncIterable<[string, unknown]>;
    batch(ops: BatchOp[]): Promise<void>;
    close(): Promise<void>;
  };
}
// dynalite ships no types (STACK.md): its db module, which its server uses for every write.
const dynaliteDb = require('dynalite/db') as {
  create(options: { path: string }): DynaliteStore;
  getIndexActions(
    indexes: readonly { IndexName: string }[],
    existing: StoredItem | undefined,
    item: StoredItem | undefined,
    table: StoredTable,
  ): { puts: IndexAction[]; deletes: { index: string; key: string }[] };
};

/** What the repair changed in one table. */
export interface TableRepair {
  table: string;
  /** Index entries no item has (removed). */
  removed: number;
  /** Index entries missing or differing from their item (rewritten from it). */
  rewritten: number;
  /** The case ids whose entries were changed (ids only; ghosts of cases never written among them). */
  caseIds: string[];
}

const INDEX_TYPES = [
  ['Global', 'GlobalSecondaryIndexes'],
  ['Local', 'LocalSecondaryIndexes'],
] as const;
/** Every key of a dynalite sub-database starts with its name and `~` (dynalite/db createPrefixedDbWrapper). */
const range = (prefix: string) => ({ gte: `${prefix}~`, lt: `${prefix}~\xff` });

/** Opens dynalite's LevelDB at `path` (while no dynalite has it open), runs `use`, and closes it. */
export async function withDynaliteStore<T>(path: string, use: (store: DynaliteStore) => Promise<T>): Promise<T> {
  const store = dynaliteDb.create({ path });
  try {
    await store.db.open().catch((e: unknown) => {
      if ((e as { cause?: { code?: string } }).cause?.code !== 'LEVEL_LOCKED') throw e;
      throw new Error(
        `another Haven is running on this data dir (${path} is locked): stop it first, or start with another --data-dir`,
      );
    });
    return await use(store);
  } finally {
    await store.db.close();
  }
}

/** JSON with sorted keys, so two copies of an item compare equal whatever order their attributes were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** The case id an item or index entry is about (`caseId`, else its `CASE#<id>` key). */
function caseIdOf(item: StoredItem): string | undefined {
  const id = (item.caseId as { S?: string } | undefined)?.S;
  if (id) return id;
  const pk = (item.pk as { S?: string } | undefined)?.S;
  return pk?.startsWith('CASE#') ? pk.slice('CASE#'.length) : undefined;
}

/** Repairs one table's index entries against its items. */
async function repairTable(store: DynaliteStore, table: StoredTable): Promise<TableRepair> {
  const name = table.TableName;
  const wanted = new Map<string, StoredItem>();
  for await (const [, item] of store.db.iterator(range(`item-${name}`)))
    for (const [type, field] of INDEX_TYPES)
      for (const put of dynaliteDb.getIndexActions(table[field] ?? [], undefined, item as StoredItem, table).puts)
        wanted.set(`index-${type.toLowerCase()}~${name}~${put.index}~${put.key}`, put.item);

  const ops: BatchOp[] = [];
  const caseIds = new Set<string>();
  let removed = 0;
  let rewritten = 0;
  for (const [type, field] of INDEX_TYPES)
    for (const index of table[field] ?? []) {
      for await (const [key, entry] of store.db.iterator(
        range(`index-${type.toLowerCase()}~${name}~${index.IndexName}`),
      )) {
        const want = wanted.get(key);
        wanted.delete(key);
        if (want && canonical(want) === canonical(entry)) continue;
        const id = caseIdOf((want ?? entry) as StoredItem);
        if (id) caseIds.add(id);
        if (want) {
          ops.push({ type: 'put', key, value: want });
          rewritten++;
        } else {
          ops.push({ type: 'del', key });
          removed++;
        }
      }
    }
  for (const [key, want] of wanted) {
    ops.push({ type: 'put', key, value: want });
    rewritten++;
    const id = caseIdOf(want);
    if (id) caseIds.add(id);
  }
  if (ops.length > 0) await store.db.batch(ops);
  return { table: name, removed, rewritten, caseIds: [...caseIds].sort() };
}

/**
 * Repairs the index entries of every table in dynalite's data at `path` (before dynalite starts on
 * it). Returns what changed, table by table (tables with nothing to repair are left out).
 */
export async function repairIndexes(path: string): Promise<TableRepair[]> {
  if (!existsSync(path)) return []; // a first start: nothing written yet
  return withDynaliteStore(path, async (store) => {
    const tables: StoredTable[] = [];
    for await (const [, table] of store.db.iterator(range('table'))) tables.push(table as StoredTable);
    const repairs: TableRepair[] = [];
    for (const table of tables) {
      const repair = await repairTable(store, table);
      if (repair.removed + repair.rewritten > 0) repairs.push(repair);
    }
    return repairs;
  });
}

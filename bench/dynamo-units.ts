/**
 * DynamoDB on-demand request units of what the rig asks dynalite to do, as AWS would bill them: a
 * middleware on the document client sees every command (native values, before marshalling) and its
 * answer, and reads the written item before and after each write (uncounted) to price the write and
 * the index entries it adds, changes or removes.
 *
 * Rules (DynamoDB developer guide, "Read and write request units"): a write is 1 WRU per started KB of
 * the larger of the item before and after (at least 1); a read 1 RRU per started 4 KB strongly
 * consistent, half eventually consistent (every index query is); a query or scan by the total size of
 * the items it READ, before its FilterExpression and ProjectionExpression; a get by the whole item
 * whatever it projects; a batch get per item; each Put or Delete of a batch write as that single write.
 * Reads take the units dynalite reports (ReturnConsumedCapacity TOTAL, which it computes the same way:
 * items read before filter and projection); an answer without them is estimated (ScannedCount × the
 * average size of the items returned) and counted as estimated. Each global secondary index the item is in (both its key
 * attributes present) costs a write of the projected entry: 1 for an entry added, removed or changed,
 * 2 when its key changed (delete and put). Sizes: attribute names plus values (UTF-8 strings, 1 byte per
 * two significant digits plus 1 for numbers, 3 bytes plus 1 per element for maps and lists).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;

/** The counted requests and units, by command. */
export interface DynamoCount {
  requests: Record<string, number>;
  rru: number;
  wru: number;
  /** Of `wru`, the index entries written. */
  indexWru: number;
  /** Commands this meter does not price (counted as requests only), by command. */
  unpriced: Record<string, number>;
  /** Reads priced by the units dynalite reported, and those estimated. */
  readsMeasured: number;
  readsEstimated: number;
  /** Items Queries read (before filters) and returned. */
  queryScanned: number;
  queryReturned: number;
  /** Puts and deletes inside batch writes, each priced as its single write. */
  batchWrites: number;
  /** Milliseconds spent in the meter's own reads, to take out of the timings of what ran meanwhile. */
  overheadMs: number;
}

/** A table's keys and indexes, as its CreateTableInput gives them. */
export interface TableShape {
  KeySchema?: { AttributeName?: string }[];
  GlobalSecondaryIndexes?: {
    IndexName?: string;
    KeySchema?: { AttributeName?: string }[];
    Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] };
  }[];
}

function numberSize(n: string): number {
  const digits = n.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/** The stored size of one value in bytes. */
export function valueSize(v: unknown): number {
  if (v === null || typeof v === 'boolean') return 1;
  if (typeof v === 'string') return Buffer.byteLength(v);
  if (typeof v === 'number' || typeof v === 'bigint') return numberSize(String(v));
  if (v instanceof Uint8Array) return v.byteLength;
  if (v instanceof Set) return [...v].reduce((sum: number, x) => sum + valueSize(x), 0);
  if (Array.isArray(v)) return 3 + v.reduce((sum: number, x) => sum + 1 + valueSize(x), 0);
  if (typeof v === 'object') return 3 + Object.keys(v).length + itemSize(v as Item);
  return 0;
}

/** The stored size of an item: every attribute's name and value. */
export function itemSize(item: Item): number {
  return Object.entries(item)
    .filter(([, v]) => v !== undefined)
    .reduce((sum, [name, v]) => sum + Buffer.byteLength(name) + valueSize(v), 0);
}

/** Write request units of a write whose item was `before` and is `after` (either may be absent). */
export function writeUnits(before: Item | undefined, after: Item | undefined): number {
  return Math.max(1, Math.ceil(Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0) / 1024));
}

/** Read request units of reading `bytes` in one request. */
export function readUnits(bytes: number, consistent: boolean): number {
  return Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);
}

const pick = (item: Item, names: readonly string[]) =>
  Object.fromEntries(names.filter((n) => item[n] !== undefined).map((n) => [n, item[n]]));

/** Read units of one read's answer: the units it reports consuming, else an estimate (`measured` false). */
export function readUnitsOf(
  name: string,
  input: Record<string, unknown>,
  output: Record<string, unknown>,
): { rru: number; measured: boolean } {
  const consistent = input.ConsistentRead === true;
  const consumed = [output.ConsumedCapacity ?? []].flat() as { CapacityUnits?: number }[];
  if (consumed.length > 0) {
    const units = consumed.reduce((s, c) => s + (c.CapacityUnits ?? 0), 0);
    // A read that found nothing still pays the minimum (dynalite reports 0 for an empty query).
    return { rru: name === 'BatchGetItem' ? units : Math.max(units, readUnits(0, consistent)), measured: true };
  }
  if (name === 'GetItem')
    return { rru: readUnits(output.Item ? itemSize(output.Item as Item) : 0, consistent), measured: false };
  if (name === 'BatchGetItem') {
    const asked = (input.RequestItems ?? {}) as Record<string, { ConsistentRead?: boolean }>;
    let rru = 0;
    for (const [table, items] of Object.entries((output.Responses ?? {}) as Record<string, Item[]>))
      for (const x of items) rru += readUnits(itemSize(x), asked[table]?.ConsistentRead === true);
    return { rru, measured: false };
  }
  const items = (output.Items ?? []) as Item[];
  const scanned = typeof output.ScannedCount === 'number' ? output.ScannedCount : items.length;
  const average = items.length > 0 ? items.reduce((s, x) => s + itemSize(x), 0) / items.length : 0;
  return { rru: readUnits(scanned * average, consistent), measured: false };
}

/** The table and key of each put and delete of a BatchWriteItem input. */
export function batchWriteKeys(input: Record<string, unknown>, tableKeys: readonly string[]) {
  type Request = { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } };
  return Object.entries((input.RequestItems ?? {}) as Record<string, Request[]>).flatMap(([table, requests]) =>
    requests.map((r) => ({
      table,
      key: r.PutRequest ? pick(r.PutRequest.Item, tableKeys) : (r.DeleteRequest?.Key ?? {}),
    })),
  );
}

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem']);

/** Index entry writes of one item's change, by each index's key and projection. */
export function indexWrites(shape: TableShape, before: Item | undefined, after: Item | undefined): number {
  const tableKeys = (shape.KeySchema ?? []).map((k) => k.AttributeName ?? '');
  let units = 0;
  for (const index of shape.GlobalSecondaryIndexes ?? []) {
    const keys = (index.KeySchema ?? []).map((k) => k.AttributeName ?? '');
    const entry = (item: Item | undefined): Item | undefined => {
      if (!item || keys.some((k) => item[k] === undefined)) return undefined;
      const type = index.Projection?.ProjectionType ?? 'ALL';
      if (type === 'ALL') return item;
      return pick(item, [
        ...tableKeys,
        ...keys,
        ...(type === 'INCLUDE' ? (index.Projection?.NonKeyAttributes ?? []) : []),
      ]);
    };
    const old = entry(before);
    const now = entry(after);
    const size = (e: Item | undefined) => Math.max(1, Math.ceil((e ? itemSize(e) : 0) / 1024));
    if (!old && !now) continue;
    if (!old || !now) units += size(old ?? now);
    else if (keys.some((k) => JSON.stringify(old[k]) !== JSON.stringify(now[k]))) units += size(old) + size(now);
    else if (JSON.stringify(old) !== JSON.stringify(now)) units += Math.max(size(old), size(now));
  }
  return units;
}

type Send = (command: GetCommand) => Promise<{ Item?: Item }>;
interface Args {
  input: Record<string, unknown>;
}
interface Answer {
  output: Record<string, unknown>;
}

/** Adds the counting middleware to `client`; the returned count grows as the rig runs. */
export function meterDynamo(
  client: { send: Send; middlewareStack: { add: (mw: never, options: never) => void } },
  shape: TableShape,
): DynamoCount {
  const count: DynamoCount = {
    requests: {},
    rru: 0,
    wru: 0,
    indexWru: 0,
    unpriced: {},
    readsMeasured: 0,
    readsEstimated: 0,
    queryScanned: 0,
    queryReturned: 0,
    batchWrites: 0,
    overheadMs: 0,
  };
  const shadow = new WeakSet<object>();
  const tableKeys = (shape.KeySchema ?? []).map((k) => k.AttributeName ?? '');
  const read = async (tableName: unknown, key: Item): Promise<Item | undefined> => {
    const input = { TableName: tableName as string, Key: key, ConsistentRead: true };
    shadow.add(input);
    const start = performance.now();
    try {
      return (await client.send(new GetCommand(input))).Item;
    } finally {
      count.overheadMs += performance.now() - start;
    }
  };
  const write = async (table: unknown, key: Item, send: () => Promise<Answer>): Promise<Answer> => {
    const before = await read(table, key);
    let billed = true;
    try {
      return await send();
    } catch (e) {
      // A failed condition is billed as a write; a refused request (validation, throttling) is not.
      billed = (e as { name?: string }).name === 'ConditionalCheckFailedException';
      throw e;
    } finally {
      if (billed) await price(table, key, before);
    }
  };
  const price = async (table: unknown, key: Item, before: Item | undefined) => {
    const after = await read(table, key);
    const index = indexWrites(shape, before, after);
    count.wru += writeUnits(before, after) + index;
    count.indexWru += index;
  };
  /** Each put and delete of a batch priced as its single write; what comes back unprocessed was not written. */
  const batchWrite = async (input: Record<string, unknown>, send: () => Promise<Answer>) => {
    const writes = batchWriteKeys(input, tableKeys);
    const befores: (Item | undefined)[] = [];
    for (const w of writes) befores.push(await read(w.table, w.key));
    const out = await send();
    const left = JSON.stringify(out.output.UnprocessedItems ?? {});
    for (const [i, w] of writes.entries()) {
      const unprocessed = batchWriteKeys({ RequestItems: JSON.parse(left) }, tableKeys).some(
        (u) => u.table === w.table && JSON.stringify(u.key) === JSON.stringify(w.key),
      );
      if (unprocessed) continue;
      count.batchWrites += 1;
      await price(w.table, w.key, befores[i]);
    }
    return out;
  };
  const middleware =
    (next: (args: Args) => Promise<Answer>, context: { commandName?: string }) =>
    async (args: Args): Promise<Answer> => {
      if (shadow.has(args.input)) return next(args);
      const name = (context.commandName ?? 'unknown').replace(/Command$/, '');
      count.requests[name] = (count.requests[name] ?? 0) + 1;
      const i = args.input;
      if (name === 'PutItem') return write(i.TableName, pick(i.Item as Item, tableKeys), () => next(args));
      if (name === 'UpdateItem' || name === 'DeleteItem') return write(i.TableName, i.Key as Item, () => next(args));
      if (name === 'BatchWriteItem') return batchWrite(i, () => next(args));
      if (!READS.has(name)) {
        count.unpriced[name] = (count.unpriced[name] ?? 0) + 1;
        return next(args);
      }
      // Ask for the units consumed unless the caller did; its answer then looks as it would have without.
      const asked = i.ReturnConsumedCapacity === undefined;
      const input = asked ? { ...i, ReturnConsumedCapacity: 'TOTAL' } : i;
      const out = await next({ ...args, input });
      const units = readUnitsOf(name, input, out.output);
      count.rru += units.rru;
      if (units.measured) count.readsMeasured += 1;
      else count.readsEstimated += 1;
      if (name === 'Query') {
        const returned = ((out.output.Items ?? []) as unknown[]).length;
        count.queryReturned += returned;
        count.queryScanned += typeof out.output.ScannedCount === 'number' ? out.output.ScannedCount : returned;
      }
      if (!asked) return out;
      const { ConsumedCapacity: _, ...output } = out.output;
      return { ...out, output };
    };
  client.middlewareStack.add(middleware as never, { step: 'initialize', name: 'benchDynamoMeter' } as never);
  return count;
}

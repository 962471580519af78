import { describe, expect, it } from 'vitest';
import {
  indexWrites,
  itemSize,
  meterDynamo,
  readUnits,
  readUnitsOf,
  type TableShape,
  writeUnits,
} from '../../bench/dynamo-units.js';

const SHAPE: TableShape = {
  KeySchema: [{ AttributeName: 'pk' }, { AttributeName: 'sk' }],
  GlobalSecondaryIndexes: [
    {
      IndexName: 'open',
      KeySchema: [{ AttributeName: 'openPk' }, { AttributeName: 'dueSk' }],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['status'] },
    },
    { IndexName: 'ref', KeySchema: [{ AttributeName: 'reference' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
  ],
};

describe('DynamoDB request units', () => {
  it('sizes an item by attribute names and values', () => {
    // Prepare: "pk" 2 + "CASE#1" 6; "n" 1 + 12345 (5 digits: 3 + 1); "ok" 2 + 1; "m" 1 + map (3 + 1 + "a" 1 + "b" 1).
    const item = { pk: 'CASE#1', n: 12345, ok: true, m: { a: 'b' } };
    // Act
    const size = itemSize(item);
    // Assess
    expect(size).toBe(8 + 5 + 3 + 7);
  });

  it('charges a write 1 unit per started KB of the larger of before and after', () => {
    // Prepare
    const small = { pk: 'x', body: 'a'.repeat(500) };
    const large = { pk: 'x', body: 'a'.repeat(2100) };
    // Act, Assess
    expect(writeUnits(undefined, small)).toBe(1);
    expect(writeUnits(large, small)).toBe(3);
    expect(writeUnits(undefined, undefined)).toBe(1);
  });

  it('charges a read 1 unit per started 4 KB, half when eventually consistent', () => {
    // Act, Assess
    expect(readUnits(4096, true)).toBe(1);
    expect(readUnits(4097, true)).toBe(2);
    expect(readUnits(4097, false)).toBe(1);
    expect(readUnits(0, false)).toBe(0.5);
  });

  it('charges index writes for entries added, changed and moved, none for an item outside every index', () => {
    // Prepare
    const outside = { pk: 'a', sk: 'b' };
    const open = { pk: 'a', sk: 'b', openPk: 'OPEN', dueSk: '1', status: 'open', reference: 'R1' };
    // Act, Assess
    expect(indexWrites(SHAPE, undefined, outside)).toBe(0);
    // added to both indexes
    expect(indexWrites(SHAPE, outside, open)).toBe(2);
    // a projected attribute changed: one write in "open"; "ref" projects keys only, unchanged
    expect(indexWrites(SHAPE, open, { ...open, status: 'paused' })).toBe(1);
    // an attribute neither index projects changed: no index write
    expect(indexWrites(SHAPE, open, { ...open, notes: 'x' })).toBe(0);
    // the "open" key moved: a delete and a put
    expect(indexWrites(SHAPE, open, { ...open, dueSk: '2' })).toBe(2);
    // removed from "open" (closed), still in "ref"
    const { openPk: _o, dueSk: _d, ...closed } = open;
    expect(indexWrites(SHAPE, open, closed)).toBe(1);
  });

  it('prices a query by the units it reports consuming (items read), not the items it returns', () => {
    // Prepare: 10 items read, 1 returned after the filter, projected; DynamoDB reports 4 units.
    const output = { Items: [{ caseId: 'c1' }], Count: 1, ScannedCount: 10, ConsumedCapacity: { CapacityUnits: 4 } };
    // Act
    const units = readUnitsOf('Query', {}, output);
    // Assess
    expect(units).toEqual({ rru: 4, measured: true });
  });

  it('estimates a filtered query without reported units from the items scanned times the average returned', () => {
    // Prepare: 2 items of 3,000 bytes returned out of 10 scanned: 30,000 bytes read, 8 × 4 KB, eventually consistent.
    const item = { body: 'a'.repeat(2996) };
    const output = { Items: [item, item], Count: 2, ScannedCount: 10 };
    // Act
    const units = readUnitsOf('Query', { ConsistentRead: false }, output);
    // Assess
    expect(itemSize(item)).toBe(3000);
    expect(units).toEqual({ rru: 4, measured: false });
  });

  it('charges an empty query the minimum even when it reports 0 units', () => {
    // Act, Assess
    expect(readUnitsOf('Query', {}, { Items: [], ScannedCount: 0, ConsumedCapacity: { CapacityUnits: 0 } }).rru).toBe(
      0.5,
    );
  });
});

/** A client whose table is a map, with the meter's middleware run by hand around a fake DynamoDB. */
function fakeClient() {
  const table = new Map<string, Record<string, unknown>>();
  const id = (key: Record<string, unknown>) => `${key.pk}|${key.sk}`;
  type Mw = (
    next: (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>,
    context: { commandName: string },
  ) => (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>;
  let middleware: Mw | undefined;
  const client = {
    send: async (command: { input: { Key: Record<string, unknown> } }) => ({ Item: table.get(id(command.input.Key)) }),
    middlewareStack: {
      add: (mw: never) => {
        middleware = mw;
      },
    },
  };
  const count = meterDynamo(client as never, SHAPE);
  const call = (
    commandName: string,
    input: Record<string, unknown>,
    dynamo: (input: Record<string, unknown>) => Record<string, unknown>,
  ) => {
    if (!middleware) throw new Error('the meter added no middleware');
    return middleware(async (args) => ({ output: dynamo(args.input) }), { commandName })({ input });
  };
  return { table, id, count, call };
}

describe('the DynamoDB meter', () => {
  it('prices each put and delete of a batch write as that single write, index entries included', async () => {
    // Prepare: a put of a new open item (1 + 2 index entries), a put of a plain 2 KB item (2), a delete of a plain item (1).
    const { table, id, count, call } = fakeClient();
    const gone = { pk: 'c', sk: '3' };
    table.set(id(gone), gone);
    const open = { pk: 'a', sk: '1', openPk: 'OPEN', dueSk: '1', status: 'open', reference: 'R1' };
    const big = { pk: 'b', sk: '2', body: 'x'.repeat(1500) };
    const input = {
      RequestItems: {
        bench: [{ PutRequest: { Item: open } }, { PutRequest: { Item: big } }, { DeleteRequest: { Key: gone } }],
      },
    };
    // Act
    await call('BatchWriteItem', input, () => {
      table.set(id(open), open);
      table.set(id(big), big);
      table.delete(id(gone));
      return { UnprocessedItems: {} };
    });
    // Assess
    expect(count.wru).toBe(3 + 2 + 1);
    expect(count.indexWru).toBe(2);
    expect(count.batchWrites).toBe(3);
    expect(count.unpriced).toEqual({});
  });

  it('does not price the writes a batch returns unprocessed', async () => {
    // Prepare
    const { table, id, count, call } = fakeClient();
    const done = { pk: 'a', sk: '1' };
    const left = { pk: 'b', sk: '2' };
    const input = { RequestItems: { bench: [{ PutRequest: { Item: done } }, { PutRequest: { Item: left } }] } };
    // Act
    await call('BatchWriteItem', input, () => {
      table.set(id(done), done);
      return { UnprocessedItems: { bench: [{ PutRequest: { Item: left } }] } };
    });
    // Assess
    expect(count.wru).toBe(1);
    expect(count.batchWrites).toBe(1);
  });

  it('asks a query for its consumed units, counts them, and answers as it would have without', async () => {
    // Prepare
    const { count, call } = fakeClient();
    let asked: unknown;
    // Act
    const out = await call('Query', { IndexName: 'open' }, (input) => {
      asked = input.ReturnConsumedCapacity;
      return { Items: [{ pk: 'a' }], ScannedCount: 7, ConsumedCapacity: { CapacityUnits: 3.5 } };
    });
    // Assess
    expect(asked).toBe('TOTAL');
    expect(out.output.ConsumedCapacity).toBeUndefined();
    expect(count.rru).toBe(3.5);
    expect(count.readsMeasured).toBe(1);
    expect(count.queryScanned).toBe(7);
    expect(count.queryReturned).toBe(1);
  });

  it('counts a command it does not price by name', async () => {
    // Prepare
    const { count, call } = fakeClient();
    // Act
    await call('TransactWriteItems', {}, () => ({}));
    // Assess
    expect(count.unpriced).toEqual({ TransactWriteItems: 1 });
    expect(count.wru).toBe(0);
  });
});

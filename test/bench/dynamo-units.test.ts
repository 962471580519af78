import { describe, expect, it } from 'vitest';
import { indexWrites, itemSize, readUnits, type TableShape, writeUnits } from '../../bench/dynamo-units.js';

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
});

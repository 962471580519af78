import '../workflow/quiet-logs.js';
import '../../local/polyfills.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynaliteStore, withDynaliteStore } from '../../local/index-repair.js';
import { type RunningHaven, startHaven } from '../../local/runtime.js';

type Item = Record<string, { S?: string } & Record<string, unknown>>;
// dynalite's db module (no types): the index half of its PutItem, to leave what a kill -9 between the halves leaves.
const dynaliteDb = createRequire(import.meta.url)('dynalite/db') as {
  updateIndexes(store: unknown, table: unknown, existing: Item | undefined, item: Item, cb: (e?: Error) => void): void;
};
const TABLE = 'Haven-wrekin-cases';
const AREA = 'telford-and-wrekin';

/** Writes only the index entries of `item` over `existing`, as dynalite does before the item itself. */
function indexWriteOnly(store: DynaliteStore, existing: Item | undefined, item: Item): Promise<void> {
  const full = store as unknown as { getTable(name: string, cb: (e: Error | null, t: unknown) => void): void };
  return new Promise((ok, fail) =>
    full.getTable(TABLE, (e, table) =>
      e ? fail(e) : dynaliteDb.updateIndexes(store, table, existing, item, (err) => (err ? fail(err) : ok())),
    ),
  );
}

/** The case items of the table as stored. */
async function caseItems(store: DynaliteStore): Promise<Item[]> {
  const items: Item[] = [];
  for await (const [, v] of store.db.iterator({ gte: `item-${TABLE}~`, lt: `item-${TABLE}~\xff` }))
    if ((v as Item).sk?.S === 'CASE') items.push(v as Item);
  return items;
}

describe('npm start: the start-up repair of index entries a kill -9 left without their item', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'haven-repair-'));
  const lines: string[] = [];
  let haven: RunningHaven | undefined;
  const start = async () => {
    lines.length = 0;
    haven = await startHaven({ port: 0, dataDir, clock: 'real', log: (l) => lines.push(l) });
    return haven;
  };
  const caseload = async (query = '') => {
    const h = haven as RunningHaven;
    const token = await h.identity.tokenFor('wrekin', 'manager');
    const res = await fetch(`${h.url}/wrekin/api/cases${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: { reference: string }[] }).items.map((c) => c.reference).sort();
  };
  const references: string[] = [];

  beforeAll(async () => {
    const h = await start();
    for (const n of [1, 2]) {
      const res = await fetch(`${h.url}/wrekin/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `repair-test-${n}` },
        body: JSON.stringify({
          associationId: 'wrekin',
          reporterKind: 'victim',
          immediateDanger: false,
          livesInAssociationHome: 'yes',
          area: AREA,
          narrative: 'index repair test',
        }),
      });
      expect(res.status).toBe(202);
      references.push(((await res.json()) as { reference: string }).reference);
    }
    references.sort();
  });
  afterAll(async () => {
    await haven?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a ghost of a case never written, a case moved to another area and a case closed only in the index are repaired from the items at the next start, and counted in its log', async () => {
    // Prepare: the caseload before; then, with Haven stopped, three index writes whose item writes never happened.
    expect(await caseload()).toEqual(references);
    await haven?.stop();
    let planted: { ghost: string; moved: string; closed: string } | undefined;
    await withDynaliteStore(join(dataDir, 'dynalite'), async (store) => {
      const [a, b] = (await caseItems(store)).sort((x, y) =>
        (x.reference?.S ?? '') < (y.reference?.S ?? '') ? -1 : 1,
      );
      if (!a || !b) throw new Error('the two cases are not in the table');
      const ghost = {
        ...a,
        pk: { S: 'CASE#ghost-case-0001' },
        caseId: { S: 'ghost-case-0001' },
        reference: { S: 'WHG-GHST-0001' },
      };
      await indexWriteOnly(store, undefined, ghost);
      const moved = { ...a, area: { S: 'shropshire' }, openAreaPk: { S: 'OPEN#shropshire' } };
      await indexWriteOnly(store, a, moved);
      const { openPk: _o, openAreaPk: _a, dueSk: _d, ...open } = b;
      await indexWriteOnly(store, b, { ...open, status: { S: 'closed' } });
      planted = { ghost: 'ghost-case-0001', moved: a.caseId?.S as string, closed: b.caseId?.S as string };
    });

    // Act
    const restarted = await start();

    // Assess: what was repaired, by case id, in the start-up log.
    const ids = planted as { ghost: string; moved: string; closed: string };
    const repair = restarted.repaired.find((r) => r.table === TABLE);
    expect(repair?.caseIds).toEqual([ids.ghost, ids.moved, ids.closed].sort());
    // The ghost's entries in the open, area, quarter and reference indexes; the moved case's area entry.
    expect(repair?.removed).toBe(5);
    // Each real case's open, own-area, quarter and reference entries: missing, or projecting what the item does not say.
    expect(repair?.rewritten).toBe(8);
    const logged = lines.find((l) => l.startsWith(`index repair: ${TABLE}:`));
    expect(logged).toContain('5 index entries removed, 8 rewritten');
    for (const id of Object.values(ids)) expect(logged).toContain(id);
    // Assess: the caseload lists the two cases, each in its own area, and no ghost.
    expect(await caseload()).toEqual(references);
    expect(await caseload(`?area=${AREA}`)).toEqual(references);
    expect(await caseload('?area=shropshire')).toEqual([]);
    expect(await caseload('?reference=WHG-GHST-0001')).toEqual([]);
  });

  it('a second Haven on the same data dir is refused before it touches anything, saying why; the running one carries on', async () => {
    // Prepare: Haven is running on the data dir (the previous test started it).
    const before = await caseload();

    // Act
    const second = await startHaven({ port: 0, dataDir, clock: 'real' }).catch((e: unknown) => e);

    // Assess
    expect((second as Error).message).toMatch(/^another Haven is running on this data dir \(.+ is locked\)/);
    expect(await caseload()).toEqual(before);
  });

  it('the repair is idempotent: the next start finds nothing to repair and the caseload is the same', async () => {
    // Prepare
    await haven?.stop();

    // Act
    const again = await start();

    // Assess
    expect(again.repaired).toEqual([]);
    expect(lines.some((l) => l.startsWith('index repair:'))).toBe(false);
    expect(await caseload()).toEqual(references);
  });
});

/**
 * A fixed CPU workload timed once per `npm run bench`, so time figures can also be read as multiples
 * of it ("× probe") and compared across machines of different speed. The work resembles the
 * request path's: JSON in and out, SHA-256 and HMAC, regular expressions, sorting. The median of
 * five runs after one warm-up is taken.
 */
import { createHash, createHmac } from 'node:crypto';

const record = (i: number) => ({
  id: `case-${i}`,
  reference: `REF-${String(i).padStart(6, '0')}`,
  at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  facts: { risk: i % 3 === 0 ? 'high' : 'medium', area: `area-${i % 7}`, contacts: [i, i + 1, i + 2] },
});

/** One pass of the workload; returns a digest so the work cannot be optimised away. */
function pass(): string {
  const records = Array.from({ length: 2000 }, (_, i) => record(i));
  const text = JSON.stringify(records);
  const parsed = JSON.parse(text) as ReturnType<typeof record>[];
  const hash = createHash('sha256');
  for (const r of parsed) {
    hash.update(createHmac('sha256', 'probe').update(r.reference).digest());
    if (/^REF-0*(\d+)$/.test(r.reference)) hash.update(r.at.replace(/[-:T.Z]/g, ''));
  }
  const sorted = parsed.map((r) => r.at).sort((a, b) => (a < b ? 1 : -1));
  return hash.update(sorted.join('')).digest('hex');
}

/** Milliseconds of one pass (median of five after a warm-up). */
export function probeMs(): number {
  pass();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    pass();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[2] ?? 0;
}

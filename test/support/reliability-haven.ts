/**
 * The running Haven the reliability scenarios drive (test/reliability and `npm run soak`): a child
 * process (haven-child.ts) on a data dir, and what the scenarios read through it — tokens, the
 * lifecycles its engine runs, its mailbox (GET /local/mailbox.json), cases by reference and the
 * figures (the staff API). Never a port of dynalite or the SES mock: only Haven's own endpoints.
 */
import { getAssociation } from '../../config/index.js';
import type { Role } from '../../functions/core/roles.js';
import { CONTROL_KEY_HEADER, readControlFile } from '../../local/local-control.js';
import type { StoredEmail } from '../../local/ses.js';
import { forkHavenChild } from './haven-child-process.js';
import { stopChild } from './runtime.js';

/** How long a test's scenario hook may take: a Haven child started (twice for kill -9) and driven under the suite's load. */
export const SCENARIO_MS = 300_000;

/** One lifecycle execution as the child's engine saw it. */
export interface Lifecycle {
  caseId: string;
  status: string;
}

/** Haven in a child process, as the scenarios see it. */
export interface ReliabilityHaven {
  url: string;
  dataDir: string;
  /** Its virtual clock when it was ready (it stands still until advanced). */
  startedAt: Date;
  /** Open cases whose lifecycles it started again when it came up. */
  resumed: number;
  token(associationId: string, role: Role): Promise<string>;
  /** Moves the virtual clock on, firing every timer due on the way; resolves with the new now. */
  advance(ms: number): Promise<Date>;
  /** Every lifecycle execution this process ran. */
  lifecycles(): Promise<Lifecycle[]>;
  /** What its SES mock holds, through Haven's own mailbox endpoint. */
  mailbox(): Promise<StoredEmail[]>;
  /** kill -9: no shutdown, no flush; resolves once the process is gone. */
  kill(): Promise<void>;
  /** A clean stop (killed after 15 s). */
  stop(): Promise<number | null>;
}

/** Starts test/support/haven-child.ts on `dataDir` and waits until it listens. */
export async function startReliabilityHaven(dataDir: string): Promise<ReliabilityHaven> {
  const { child, ready, call, exited } = await forkHavenChild(dataDir);
  const url = ready.url;
  return {
    url,
    dataDir,
    startedAt: new Date(ready.now),
    resumed: ready.resumed,
    token: async (associationId, role) => (await call<{ token: string }>({ type: 'token', associationId, role })).token,
    advance: async (ms) => new Date((await call<{ now: string }>({ type: 'advance', ms })).now),
    lifecycles: async () => (await call<{ lifecycles: Lifecycle[] }>({ type: 'lifecycles' })).lifecycles,
    async mailbox() {
      // The control key from the data dir, as `npm run clock` sends it: the mailbox is a local control.
      const key = readControlFile(dataDir)?.key;
      const res = await fetch(`${url}/local/mailbox.json`, { headers: key ? { [CONTROL_KEY_HEADER]: key } : {} });
      if (!res.ok) throw new Error(`GET /local/mailbox.json answered ${res.status}`);
      return ((await res.json()) as { emails: StoredEmail[] }).emails;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: () => stopChild(child, () => call({ type: 'stop' })),
  };
}

/** One answer of Haven's HTTP API: status, raw text and the parsed JSON (undefined when not JSON). */
export interface Answer {
  status: number;
  raw: string;
  json: unknown;
}

/** Sends one request to Haven and reads the whole answer. */
export async function send(url: string, init: RequestInit): Promise<Answer> {
  const res = await fetch(url, init);
  const raw = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  return { status: res.status, raw, json };
}

/** GET on the staff API of an association with a staff token. */
export async function staffGet(
  haven: Pick<ReliabilityHaven, 'url'>,
  associationId: string,
  token: string,
  path: string,
) {
  return send(`${haven.url}/${associationId}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

/** The association a reference belongs to, from its prefix (config/associations/*.json). */
export function associationOfReference(reference: string, associationIds: readonly string[]): string | undefined {
  return associationIds.find((id) => reference.startsWith(`${getAssociation(id).referencePrefix}-`));
}

/** A case as the staff search lists it. */
export interface FoundCase {
  caseId: string;
  reference: string;
  status: string;
  /** The case's next clock to fall due, if any. */
  nextClock?: { clock: string; deadline: string } | null;
}

/** The cases the staff API finds under a reference (a manager's search: one, unless lost or doubled). */
export async function casesWithReference(
  haven: Pick<ReliabilityHaven, 'url'>,
  associationId: string,
  managerToken: string,
  reference: string,
): Promise<FoundCase[]> {
  const answer = await staffGet(
    haven,
    associationId,
    managerToken,
    `/api/cases?reference=${encodeURIComponent(reference)}`,
  );
  if (answer.status !== 200) throw new Error(`the search by reference answered ${answer.status}`);
  return (answer.json as { items: FoundCase[] }).items.filter((i) => i.reference === reference);
}

/** Reports received on the virtual day `at`, as the association's figures count them (every case, any area). */
export async function reportsReceived(
  haven: Pick<ReliabilityHaven, 'url'>,
  associationId: string,
  managerToken: string,
  at: Date,
): Promise<number> {
  const day = at.toISOString().slice(0, 10);
  const from = new Date(at.getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(at.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
  const answer = await staffGet(haven, associationId, managerToken, `/api/figures?from=${from}&to=${to}`);
  if (answer.status !== 200) throw new Error(`the figures for ${day} answered ${answer.status}`);
  const found = findNumber(answer.json, 'reportsReceived');
  if (found === undefined) throw new Error('the figures carry no reportsReceived');
  return found;
}

const findNumber = (value: unknown, key: string): number | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const own = (value as Record<string, unknown>)[key];
  if (typeof own === 'number') return own;
  for (const v of Object.values(value)) {
    const inner = findNumber(v, key);
    if (inner !== undefined) return inner;
  }
  return undefined;
};

/** Runs `work` over `items` with at most `concurrency` at once, in order of start; resolves when all are done. */
export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i] as T, i);
    }
  });
  await Promise.all(lanes);
}

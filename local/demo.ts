/**
 * `npm run demo`: with `npm start` running, files a handful of fictional reports across the five
 * associations through the public API, records staff actions through the staff API (tokens from the
 * local control), then moves the virtual clock on in steps so escalations fill the mailbox and the
 * caseload shows clocks in every state: due later, due soon, overdue, met and closed.
 * Prints references, clock states and counts only: never what was reported.
 * Options: --url (default: the data dir's running Haven, else http://127.0.0.1:3000), --data-dir (.haven-data).
 */
import { parseArgs } from 'node:util';
import { clockStanding } from '../functions/core/clock-standing.js';
import type { Role } from '../functions/core/roles.js';
import { connect, type HavenClient, ScriptError } from './control-client.js';

/** How a case's clocks stand at the end, as the console shows them. */
export type ClockState = 'due later' | 'due soon' | 'overdue' | 'met' | 'closed';

interface DemoCase {
  label: string;
  associationId: string;
  reference?: string;
  caseId?: string;
  /** What the demo means to show with it. */
  aim: ClockState;
}

/** Fictional people, obviously so: the Ofcom drama phone range, example.org, "Example Street". */
const PEOPLE = [
  ['Alex Example', '1 Example Street, Testtown'],
  ['Sam Placeholder', '2 Sample Road, Demoville'],
  ['Jo Fictional', '3 Pretend Lane, Nowhere'],
  ['Chris Madeup', '4 Imaginary Close, Testtown'],
  ['Pat Specimen', '5 Dummy Avenue, Demoville'],
  ['Robin Notreal', '6 Mock Terrace, Nowhere'],
  ['Lee Invented', '7 Fable Street, Testtown'],
  ['Kim Sample', '8 Story Road, Demoville'],
] as const;
let personIndex = 0;

/** A realistic but fictional report for an association. */
function fictionalReport(associationId: string, { narrativeTag, ...extra }: Record<string, unknown> = {}) {
  const [name, address] = PEOPLE[personIndex++ % PEOPLE.length] as readonly [string, string];
  return {
    associationId,
    reporterKind: 'victim',
    immediateDanger: false,
    livesInAssociationHome: 'yes',
    abuseTypes: ['psychological', 'financial'],
    wantsToStayInHome: 'yes',
    narrative: `DEMO ${String(narrativeTag)} (fictional): ${name} says their partner checks their phone, takes their bank card and shouts at them most evenings.`,
    person: { name: `${name} (DEMO)`, address },
    safeContact: {
      method: 'phone',
      phone: `07700 900${String(100 + personIndex).slice(-3)}`,
      safeTimes: 'Weekday mornings',
      voicemailSafe: false,
      letterSafe: false,
    },
    ...extra,
  };
}

/** What an API refusal says (its message and the fields it names; Haven never echoes values). */
function refusal(body: unknown): string {
  const b = (body ?? {}) as { error?: string; fields?: unknown };
  return `${b.error ?? ''} ${JSON.stringify(b.fields ?? [])}`;
}

class Demo {
  private tokens = new Map<string, string>();
  readonly cases: DemoCase[] = [];
  readonly steps: string[] = [];

  private filed = 0;

  /** `run` tells this run's reports apart from an earlier run's (the same report twice is one case). */
  constructor(
    readonly haven: HavenClient,
    private readonly run: string,
  ) {}

  log(line: string) {
    this.steps.push(line);
    console.log(line);
  }

  /** A fresh staff token (tokens last 8 hours of Haven's time, so one per clock step). */
  async token(associationId: string, role: Role = 'manager'): Promise<string> {
    const key = `${associationId}:${role}`;
    const token = this.tokens.get(key) ?? (await this.haven.token(associationId, role));
    this.tokens.set(key, token);
    return token;
  }

  async api<T>(
    associationId: string,
    path: string,
    init: { method?: string; body?: unknown; ifMatch?: number } = {},
  ): Promise<T> {
    const res = await fetch(`${this.haven.url}/${associationId}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${await this.token(associationId)}`,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.ifMatch !== undefined ? { 'if-match': `"${init.ifMatch}"` } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const body = (await res.json().catch(() => ({}))) as T;
    if (!res.ok)
      throw new ScriptError(
        `${init.method ?? 'GET'} /${associationId}${path} answered ${res.status}: ${refusal(body)}`,
      );
    return body;
  }

  /** Files a report through the public API and finds its case id in the caseload. */
  async report(c: Omit<DemoCase, 'reference' | 'caseId'>, extra: Record<string, unknown> = {}): Promise<DemoCase> {
    const key = `demo-${this.run}-${++this.filed}`;
    const res = await fetch(`${this.haven.url}/${c.associationId}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(fictionalReport(c.associationId, { ...extra, narrativeTag: key })),
    });
    const body = (await res.json().catch(() => ({}))) as { reference?: string };
    if (res.status !== 202 || !body.reference)
      throw new ScriptError(`report to ${c.associationId} answered ${res.status}: ${refusal(body)}`);
    const list = await this.api<{ items: { caseId: string; reference: string }[] }>(
      c.associationId,
      '/api/cases?limit=200',
    );
    const found = list.items.find((i) => i.reference === body.reference);
    if (!found) throw new ScriptError(`case ${body.reference} is not in the ${c.associationId} caseload`);
    const filed: DemoCase = { ...c, reference: body.reference, caseId: found.caseId };
    this.cases.push(filed);
    this.log(`  reported ${filed.reference} to ${c.associationId} (${c.label})`);
    return filed;
  }

  async view(c: DemoCase) {
    return this.api<CaseView>(c.associationId, `/api/cases/${c.caseId}`);
  }

  /** Runs a staff command on the version just read. */
  async command(c: DemoCase, command: string, body: Record<string, unknown>): Promise<void> {
    const { version } = await this.view(c);
    await this.api(c.associationId, `/api/cases/${c.caseId}/${command}`, { method: 'POST', body, ifMatch: version });
  }

  /** The first contact, in the way the victim said was safe. */
  async contact(c: DemoCase): Promise<void> {
    await this.command(c, 'contacts', {
      way: 'phone',
      safeContactAgreed: true,
      note: 'DEMO: first call made at the agreed safe time.',
    });
    this.log(`  recorded first contact on ${c.reference}`);
  }

  /** Records a duty as done, with the victim's consent where the policy asks for it. */
  async dutyDone(c: DemoCase, duty: string): Promise<void> {
    const view = await this.view(c);
    const action = view.requiredActions.find((a) => a.duty === duty);
    if (!action) throw new ScriptError(`${c.reference} does not require ${duty}`);
    if (action.consent?.mayProceed === false) await this.command(c, 'consent', { duty, decision: 'given' });
    await this.command(c, `actions/${duty}`, { outcome: 'done' });
    this.log(`  recorded ${duty} done on ${c.reference}`);
  }

  /** Closes a case: each open duty done or closed with a reason, closure discussed with the victim. */
  async close(c: DemoCase): Promise<void> {
    const view = await this.view(c);
    for (const action of view.requiredActions) {
      if (action.status !== 'open' || action.duty === 'case-resolved') continue;
      await this.command(c, `actions/${action.duty}`, {
        outcome: 'no-further-action',
        reason: 'DEMO: fictional case; the victim moved away and asked for no further action.',
      }).catch(() => undefined);
    }
    await this.command(c, 'close', {
      discussedWithVictim: true,
      outcome: 'action-plan-complete',
      reason: 'DEMO: agreed with the victim.',
    });
    this.log(`  closed ${c.reference}`);
  }

  /** Moves Haven's clock on and says what was sent on the way. */
  async jump(by: string): Promise<void> {
    const moved = await this.haven.jump({ by });
    this.tokens.clear();
    this.log(`clock ${by}: now ${moved.now}, ${moved.emailsSent} email(s) sent`);
  }

  /** How a case's clocks stand now, as the console would show them. */
  async stateOf(c: DemoCase, now: number): Promise<{ state: ClockState; detail: string }> {
    const v = await this.view(c);
    if (v.status !== 'open') return { state: 'closed', detail: `status ${v.status}` };
    const deadlines = v.clocks.map((k) => Date.parse(k.deadline)).sort((a, b) => a - b);
    const met = v.requiredActions.filter((a) => a.clocks.length > 0 && a.status === 'done').map((a) => a.duty);
    const first = deadlines[0];
    const standing = clockStanding(first, now);
    if (standing === 'overdue')
      return {
        state: 'overdue',
        detail: `${v.clocks
          .filter((k) => k.overdue)
          .map((k) => k.clock)
          .join(', ')} overdue`,
      };
    if (met.length > 0 && (first === undefined || c.aim === 'met'))
      return {
        state: 'met',
        detail: `${met.join(', ')} done in time${first ? `; next due ${new Date(first).toISOString()}` : ''}`,
      };
    if (standing === 'none' || first === undefined) return { state: 'met', detail: 'no clock running' };
    return {
      state: standing,
      detail: `${v.clocks.map((k) => k.clock).join(', ')}; next due ${new Date(first).toISOString()}`,
    };
  }
}

interface CaseView {
  version: number;
  status: string;
  clocks: { clock: string; deadline: string; overdue: boolean }[];
  requiredActions: { duty: string; status: string; clocks: string[]; consent?: { mayProceed?: boolean } }[];
}

/** Runs the demo against a running Haven; returns each case's final clock state. */
export async function runDemo(
  haven: HavenClient,
): Promise<{ cases: (DemoCase & { state: ClockState })[]; emails: number }> {
  const clock = await haven.clock();
  if (!clock.virtual)
    throw new ScriptError(
      'Haven runs on the real clock: start it with npm start (the virtual clock is the default) to run the demo',
    );
  const demo = new Demo(haven, clock.now.replace(/[^0-9]/g, '').slice(0, 14));
  const mailBefore = (await haven.mailbox()).length;
  demo.log(`Haven at ${haven.url}, clock ${clock.now}`);

  demo.log('Day 0: reports arrive');
  const omLate = await demo.report({
    label: 'no contact: the 24-hour clock will run out',
    associationId: 'one-manchester',
    aim: 'overdue',
  });
  const omMet = await demo.report({ label: 'contacted within 24 hours', associationId: 'one-manchester', aim: 'met' });
  const neighbour = await demo.report(
    {
      label:
        'a neighbour\'s report, "do not contact me": no safe way to reach the victim yet, so decide how within 24 hours',
      associationId: 'one-manchester',
      aim: 'overdue',
    },
    { reporterKind: 'third-party', reporter: { contact: { method: 'none' } }, safeContact: {} },
  );
  const wrekinLate = await demo.report({ label: 'no contact: 1 working day', associationId: 'wrekin', aim: 'overdue' });
  const connect = await demo.report({
    label: 'safeguarding log not done in 24 hours',
    associationId: 'connect-housing',
    aim: 'overdue',
  });
  const sada = await demo.report({
    label: 'contacted; fortnightly contact clock running',
    associationId: 'sada-herts',
    aim: 'met',
  });
  const h21 = await demo.report(
    {
      label: 'registered care: 24-hour reports, 5-working-day CQC limit, 21-day holding period',
      associationId: 'housing-21',
      aim: 'overdue',
    },
    { household: { receivesRegisteredCare: true, olderPerson: true } },
  );
  const closed = await demo.report({
    label: 'resolved and closed with the victim',
    associationId: 'connect-housing',
    aim: 'closed',
  });

  await demo.jump('+2h');
  demo.log('Staff act on some cases');
  await demo.contact(omMet);
  await demo.contact(sada);
  await demo.close(closed);

  demo.log('Time passes: clocks run out and escalate tier by tier');
  for (const step of ['+1d', '+1d', '+1d', '+2d', '+2d']) await demo.jump(step);

  demo.log('Day 7: new reports arrive');
  const soon = await demo.report({
    label: 'reported a few hours ago: due within a day',
    associationId: 'one-manchester',
    aim: 'due soon',
  });
  const later = await demo.report(
    {
      label: 'registered care: reports made in time; 21-day holding period ahead',
      associationId: 'housing-21',
      aim: 'due later',
    },
    { household: { receivesRegisteredCare: true, olderPerson: true } },
  );
  await demo.jump('+3h');
  demo.log('Staff act on the new housing-21 case: its 24-hour reports are made, the 21-day holding clock runs on');
  await demo.dutyDone(later, 'local-authority-report');
  await demo.dutyDone(later, 'cqc-notification');

  const now = Date.parse((await haven.clock()).now);
  demo.log('Where every case stands now (references only):');
  const results: (DemoCase & { state: ClockState })[] = [];
  for (const c of [omLate, omMet, neighbour, wrekinLate, connect, sada, h21, closed, soon, later]) {
    const { state, detail } = await demo.stateOf(c, now);
    results.push({ ...c, state });
    demo.log(`  ${c.reference}  ${c.associationId.padEnd(15)} ${state.padEnd(9)} ${detail}`);
  }
  const mail = await haven.mailbox();
  const escalations = mail.slice(mailBefore).filter((m) => /overdue/i.test(m.subject)).length;
  demo.log(
    `Mailbox: ${mail.length - mailBefore} new email(s), ${escalations} of them escalations: ${haven.url}/local/mailbox`,
  );
  demo.log(`States shown: ${[...new Set(results.map((r) => r.state))].join(', ')}`);
  return { cases: results, emails: mail.length - mailBefore };
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('local/demo.ts');
if (isMain) {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { url: { type: 'string' }, 'data-dir': { type: 'string' } },
    strict: true,
  });
  runDemo(connect({ url: values.url, dataDir: values['data-dir'] })).then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(
        e instanceof ScriptError ? e.message : `demo: ${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? ''}`,
      );
      process.exit(1);
    },
  );
}

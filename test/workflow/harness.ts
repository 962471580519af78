/**
 * The lifecycle test bench: dynalite (test/support/dynalite.ts) with the real case repository,
 * aws-ses-v2-local on a free port, the real lifecycle handlers, and the real ASL run by
 * local/workflow-engine.ts on a virtual clock. Cases are created through the repository and changed
 * through it, then `signalChange` — as the staff API does.
 */
import './quiet-logs.js';
import { mkdtempSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { createInProcessAlarmTopic, emailSubscriber } from '../../functions/adapters/alarm.js';
import { createFieldCrypto, type FieldCrypto } from '../../functions/adapters/field-crypto.js';
import { createSesMailer, type Mailer, singleAttemptSesClient } from '../../functions/adapters/mailer.js';
import type { CaseEvent } from '../../functions/adapters/store/index.js';
import { type CaseRepository, createCaseRepository, newCaseIdentity } from '../../functions/adapters/store/index.js';
import type { LifecycleCases, LifecycleDeps } from '../../functions/adapters/workflow-lambda.js';
import { createDynamoWorkflowStore } from '../../functions/adapters/workflow-store.js';
import {
  type ResumeResult,
  resumeOpenCases,
  type SweepResult,
  sweepOpenCases,
} from '../../functions/adapters/workflow-sweep.js';
import { type CaseFacts, type CaseState, factsFromReport, newCaseState } from '../../functions/core/case.js';
import type { OperationsAlarm } from '../../functions/core/escalation.js';
import { type ReportInput, reportSchema } from '../../functions/core/report.js';
import { lifecycleHandlers } from '../../local/lifecycle.js';
import { startSes } from '../../local/ses.js';
import { createWorkflowEngine, type HandlerMap, type WorkflowEngine } from '../../local/workflow-engine.js';
import { defined } from '../support/defined.js';
import { startTestTable, type TestTable } from '../support/dynalite.js';
import { type SesFaults, startSesFaults } from '../support/ses-faults.js';

/** Personal details planted in every test case: no email may contain any of them. */
export const CANARIES = {
  name: 'Zebedee Canaryfield',
  address: '17 Canary Wharf Close, Nowhere',
  phone: '07700 900471',
  narrative: 'CANARY-NARRATIVE he broke the kitchen door',
  codeWord: 'bluecanary',
  email: 'zebedee.canary@example.org',
};

/** One email as aws-ses-v2-local stored it. */
export interface SentEmail {
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

/** The running bench. */
export interface Bench {
  engine: WorkflowEngine;
  repos: Map<string, CaseRepository>;
  deps: LifecycleDeps;
  /** Every operations alarm raised (the in-process alarm topic; its subscriber mails operations directly). */
  alarms: OperationsAlarm[];
  /** The fault proxy between the mailer and the SES mock, when asked for (`startBench(at, { sesFaults: true })`). */
  faults?: SesFaults;
  /** Makes one handler throw on its next `times` calls after `afterSend` (a retried task). */
  failNext: { caseId?: string; escalateAfterSend: number };
  openCase(
    associationId: string,
    options?: {
      facts?: Partial<CaseFacts>;
      state?: Partial<CaseState>;
      report?: Partial<ReportInput>;
      /** Store the case but start no lifecycle (as when intake's StartExecution failed). */
      noStart?: boolean;
    },
  ): Promise<{ caseId: string; reference: string }>;
  change(caseId: string, mutate: (state: CaseState) => void): Promise<void>;
  emails(reference?: string): Promise<SentEmail[]>;
  events(caseId: string): Promise<CaseEvent[]>;
  state(caseId: string): Promise<CaseState>;
  /** Lifecycle steps that fail on every call for a case while listed: `<substitution> <caseId>`, e.g. `CheckClockFunctionArn c1`. */
  broken: Set<string>;
  /** Runs the sweep (functions/adapters/workflow-sweep.ts) over every association's open cases, then lets the engine settle. */
  sweep(graceMs?: number): Promise<SweepResult>;
  /** Simulates a restart of the local runtime: a fresh engine at the same virtual time, then its start-up resume (as local/wiring.ts). */
  restart(): Promise<ResumeResult>;
  /** Calls of each lifecycle handler so far, by its ASL substitution (e.g. `TriageFunctionArn`). */
  calls: Map<string, number>;
  stop(): Promise<void>;
}

function httpJson(url: string, headers: Record<string, string>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(body));
        } catch (e) {
          reject(e);
        }
      });
    }).on('error', reject);
  });
}

/** Hooks for measuring the rig from outside (bench/cost.ts): each sees or wraps one part before any case exists. */
export interface BenchProbes {
  /** Sees the document client every repository and store uses (e.g. to add a counting middleware). */
  client?: (client: DynamoDBDocumentClient) => void;
  /** Wraps the field crypto (e.g. to count seals and opens). */
  crypto?: (crypto: FieldCrypto) => FieldCrypto;
  /** Wraps the lifecycle task handlers, keyed by ASL substitution (e.g. to count and time invocations). */
  handlers?: (handlers: HandlerMap) => HandlerMap;
}

/** Starts the bench at a virtual instant. Everything with real timers starts before the virtual clock. */
export async function startBench(
  start: Date,
  options: {
    sesFaults?: boolean;
    probes?: BenchProbes;
    /** Keep finished executions for `executions()` and `transitionsOf` (default: yes; the memory bench says no). */
    keepFinished?: boolean;
  } = {},
): Promise<Bench> {
  const probes = options.probes ?? {};
  const table: TestTable = await startTestTable();
  probes.client?.(table.client);
  const ses = await startSes();
  const faults = options.sesFaults ? await startSesFaults(ses.endpoint) : undefined;
  const local = { region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const fieldCrypto = createFieldCrypto({
    keyring: 'raw-aes',
    keyFile: join(mkdtempSync(join(tmpdir(), 'haven-wf-')), 'keys.json'),
  });
  const crypto = probes.crypto ? probes.crypto(fieldCrypto) : fieldCrypto;
  const repos = new Map<string, CaseRepository>();
  const ownerOf = new Map<string, string>();
  const repo = (associationId: string) => {
    let r = repos.get(associationId);
    if (!r) {
      r = createCaseRepository({
        client: table.client,
        tableName: table.tableName,
        associationId,
        config: getAssociation(associationId),
        crypto,
      });
      repos.set(associationId, r);
    }
    return r;
  };
  const repoOfCase = (caseId: string) => repo(ownerOf.get(caseId) ?? 'unknown');
  const store = createDynamoWorkflowStore({ doc: table.client, tableName: table.tableName });
  const failNext: { caseId?: string; escalateAfterSend: number } = { escalateAfterSend: 0 };
  const sesMailer = createSesMailer({
    client: ses.access.authorise(
      singleAttemptSesClient({ endpoint: faults ? faults.endpoint : ses.endpoint, ...local }),
    ),
    from: 'haven@haven.example.org',
    markers: store,
    now: () => new Date(),
  });
  const cases: LifecycleCases = {
    getCase: (caseId, reader) => repoOfCase(caseId).getCase(caseId, reader),
    appendEvent: async (caseId, event) => {
      const out = await repoOfCase(caseId).appendEvent(caseId, event);
      // A crash after the email went out: the retried task must not send it again.
      if (event.id.startsWith('escalation:') && caseId === failNext.caseId && failNext.escalateAfterSend > 0) {
        failNext.escalateAfterSend -= 1;
        throw Object.assign(new Error('simulated crash after sending'), { name: 'ServiceUnavailable' });
      }
      return out;
    },
    recordAlerts: async (alerts) => {
      const first = alerts[0];
      if (first) await repoOfCase(first.caseId).recordAlerts(alerts);
    },
    setNextDueAt: (caseId, expectedVersion, nextDueAt) =>
      repoOfCase(caseId).setNextDueAt(caseId, expectedVersion, nextDueAt),
  };
  const mailer: Mailer = sesMailer;
  // As the SNS email subscription in AWS, the alarm's email does not go through the mailer's path.
  const alarmSes = ses.access.authorise(singleAttemptSesClient({ endpoint: ses.endpoint, ...local }));
  const mailboxOf = (id: string) => getAssociation(id).escalation.mailboxes.operations;
  const alarm = createInProcessAlarmTopic([
    emailSubscriber({ client: alarmSes, from: 'haven@haven.example.org', mailboxOf }),
  ]);
  const depsBase = {
    cases,
    store,
    mailer,
    alarm,
    config: getAssociation,
    now: () => new Date(),
    consoleUrl: 'https://haven.example.org/console',
  };
  let deps!: LifecycleDeps;
  const broken = new Set<string>();
  const calls = new Map<string, number>();
  const breakable = (handlers: HandlerMap): HandlerMap =>
    Object.fromEntries(
      Object.entries(handlers).map(([name, handler]) => [
        name,
        async (event: unknown, context?: unknown) => {
          calls.set(name, (calls.get(name) ?? 0) + 1);
          if (broken.has(`${name} ${(event as { caseId?: string })?.caseId}`))
            throw Object.assign(new Error('simulated outage'), { name: 'ServiceUnavailable' });
          return handler(event, context);
        },
      ]),
    );
  /** Each association's open cases, a page at a time, as the sweep lists them. */
  const openLists = () =>
    [...repos.keys()].map((a) => async (cursor?: string) => {
      const page = await repo(a).listOpenCases({ limit: 50, ...(cursor ? { cursor } : {}) });
      return {
        items: page.items.map((s) => ({ caseId: s.caseId, associationId: s.associationId, updatedAt: s.updatedAt })),
        ...(page.cursor ? { cursor: page.cursor } : {}),
      };
    });
  const sweepDeps = () => ({
    runtime: engine.runtime,
    store,
    workflow: engine.workflowClient,
    cases: { getSummary: (id: string) => repoOfCase(id).getSummary(id) },
    now: () => engine.now(),
  });
  const sweep = async (graceMs: number) => {
    const lists = openLists();
    const results: SweepResult[] = [];
    for (const list of lists) results.push(await sweepOpenCases(list, sweepDeps(), { graceMs }));
    await engine.idle();
    return summed(results);
  };
  const newEngine = (at: Date) =>
    createWorkflowEngine({
      clock: 'virtual',
      start: at,
      store,
      keepFinished: options.keepFinished ?? true,
      handlers: (workflow) => {
        deps = { ...depsBase, workflow };
        const handlers = lifecycleHandlers(deps);
        return breakable(probes.handlers ? probes.handlers(handlers) : handlers);
      },
    });
  let engine = await newEngine(start);

  return {
    get engine() {
      return engine;
    },
    repos,
    deps,
    alarms: alarm.raised,
    ...(faults ? { faults } : {}),
    failNext,
    async openCase(associationId, options = {}) {
      const { id, reference } = newCaseIdentity(getAssociation(associationId).referencePrefix);
      const report = reportSchema.parse({
        associationId,
        reporterKind: 'victim',
        immediateDanger: false,
        livesInAssociationHome: 'yes',
        narrative: CANARIES.narrative,
        person: { name: CANARIES.name, address: CANARIES.address },
        safeContact: {
          method: 'email',
          email: CANARIES.email,
          phone: CANARIES.phone,
          codeWord: CANARIES.codeWord,
          mayIdentifyUs: true,
        },
        ...options.report,
      });
      const reportedAt = engine.now().toISOString();
      const state: CaseState = {
        ...newCaseState({
          id,
          reference,
          associationId,
          status: 'open',
          reportedAt,
          facts: { ...factsFromReport(report), ...options.facts },
        }),
        ...options.state,
      };
      ownerOf.set(id, associationId);
      const created = await repo(associationId).createCase({ state, report, idempotencyKey: `test-${id}` });
      if (!options.noStart) await engine.workflowClient.startCase(created.caseId, associationId);
      await engine.idle();
      return { caseId: created.caseId, reference: created.reference };
    },
    async change(caseId, mutate) {
      const r = repoOfCase(caseId);
      // The version the officer's console holds, from the clear summary (no decrypt): the staff API's
      // command is given it and reads (and opens) the case once, in the update.
      const summary = defined(await r.getSummary(caseId), `case ${caseId}`);
      await r.updateCase(caseId, summary.version, (c) => {
        mutate(c.state);
        return c;
      });
      await engine.workflowClient.signalChange(caseId);
      await engine.idle();
    },
    async emails(reference) {
      const { emails } = (await httpJson(`${ses.endpoint}/store`, ses.access.headers())) as { emails: SentEmail[] };
      return reference
        ? emails.filter((e) => e.subject.includes(reference) || (e.body.text ?? '').includes(reference))
        : emails;
    },
    events: (caseId) => repoOfCase(caseId).listEvents(caseId),
    state: async (caseId) => (await repoOfCase(caseId).getCase(caseId, 'system')).state,
    broken,
    calls,
    sweep: (graceMs = 0) => sweep(graceMs),
    async restart() {
      const at = engine.now();
      await engine.close();
      engine = await newEngine(at);
      const results: ResumeResult[] = [];
      for (const list of openLists()) results.push(await engine.during(resumeOpenCases(list, sweepDeps())));
      await engine.idle();
      return summed(results);
    },
    async stop() {
      await engine.close();
      await faults?.close();
      await ses.close();
      await table.stop();
    },
  };
}

/** The counts of several sweeps (or resumes) added up, their failures together. */
function summed<T extends { failed: unknown[] }>(results: T[]): T {
  const total = {} as Record<string, unknown>;
  for (const r of results)
    for (const [k, v] of Object.entries(r))
      total[k] = Array.isArray(v)
        ? [...((total[k] as unknown[]) ?? []), ...v]
        : ((total[k] as number) ?? 0) + (v as number);
  return total as T;
}

/** Exactly one reminder was sent, and it names the deadline `due` (an ISO instant). */
export function expectOneReminderDueBy(mails: readonly SentEmail[], due: string): void {
  expect(mails).toHaveLength(1);
  expect(defined(mails.at(0), 'a reminder mail').body.text).toContain(`due by ${due}`);
}

/** Whether any canary string appears in an email (subject, body, recipients). */
export function leaks(email: SentEmail): string[] {
  const text = JSON.stringify(email).toLowerCase();
  return Object.values(CANARIES).filter((c) => text.includes(c.toLowerCase()));
}

/** A case's lifecycle executions (the first and every continuation), by name and status. */
export function lifecycleRunsOf(bench: Bench, caseId: string): { name: string; status: string }[] {
  return bench.engine
    .executions()
    .filter((e) => e.machine === 'lifecycle' && e.input.caseId === caseId)
    .map((e) => ({ name: e.name, status: e.status }));
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

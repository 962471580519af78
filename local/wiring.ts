import { createInProcessAlarmTopic, emailSubscriber } from '../functions/adapters/alarm.js';
import { createLogger, type Deps } from '../functions/adapters/deps.js';
import { listedDirectory } from '../functions/adapters/directory.js';
import { createFieldCrypto } from '../functions/adapters/field-crypto.js';
import { createSesMailer, type Mailer, singleAttemptSesClient } from '../functions/adapters/mailer.js';
import { type CaseRepository, createCaseRepository } from '../functions/adapters/store/index.js';
import type { WorkflowClient } from '../functions/adapters/workflow.js';
import type { LifecycleCases } from '../functions/adapters/workflow-lambda.js';
import { createDynamoWorkflowStore, type WorkflowStore } from '../functions/adapters/workflow-store.js';
import { resumeOpenCases } from '../functions/adapters/workflow-sweep.js';
import { createHandler as createCasesHandler } from '../functions/cases/handler.js';
import type { AssociationConfig } from '../functions/core/association.js';
import type { StaffMember } from '../functions/core/roles.js';
import { createHandler as createFiguresHandler } from '../functions/figures/handler.js';
import { createHandler as createIntakeHandler } from '../functions/intake/handler.js';
import { createHandler as createReportFormHandler } from '../functions/report-form/handler.js';
import type { HttpHandler } from './api-gateway.js';
import type { DynaliteTransport } from './dynalite-port.js';
import { lifecycleHandlers } from './lifecycle.js';
import { portDocumentClient } from './port-client.js';
import type { PrivateAccess } from './private-endpoint.js';
import { createWorkflowEngine, type WorkflowEngine } from './workflow-engine.js';

/** One association's HTTP handlers, by their name in lib/handlers.ts. */
export type HandlerSet = Record<string, HttpHandler>;

/** Everything the server needs from the wiring. */
export interface Wired {
  handlers: ReadonlyMap<string, HandlerSet>;
  /** Whether the workflow engine is running. */
  engineUp(): boolean;
  /** Starts every open case's lifecycle and clocks again after a restart (resumeOpenCases); returns the lifecycles started. */
  resume(): Promise<number>;
  engine?: WorkflowEngine;
  close(): Promise<void>;
}

/** What the wiring is given by the runtime. */
export interface WiringOptions {
  associations: readonly AssociationConfig[];
  dynamoEndpoint: string;
  sesEndpoint: string;
  /** dynalite answers Haven's own clients only: they reach it over this (local/dynalite-port.ts). */
  dynamoTransport: DynaliteTransport;
  /** The SES mock answers Haven's own clients only: each client is authorised with this. */
  sesAccess: PrivateAccess;
  keyFile: string;
  /** The origin the runtime serves on (for links in emails). */
  origin: string;
  clock: 'real' | 'virtual';
  speed?: number;
  /** Where the virtual clock starts (carried over from the last run); real now when absent. */
  start?: Date;
  /** The local identity's users: each association's staff directory lists its own. */
  staff: readonly (StaffMember & { associationId: string })[];
}

/** Builds handlers for the association (a seam: tests may pass their own, the runtime passes `wireHaven`). */
export type Wiring = (options: WiringOptions) => Promise<Wired>;

/** The table of one association on this machine (one table per association, as in AWS). */
export const tableNameFor = (associationId: string) => `Haven-${associationId}-cases`;

/**
 * The real wiring: the same handlers Lambda runs, over dynalite, aws-ses-v2-local and the local
 * workflow engine. One engine serves every association; the lifecycle's storage is routed to the
 * case's own association table (found from the case id, remembered once seen).
 */
export const wireHaven: Wiring = async (o) => {
  const doc = portDocumentClient({ endpoint: o.dynamoEndpoint, transport: o.dynamoTransport });
  const crypto = createFieldCrypto({ keyring: 'raw-aes', keyFile: o.keyFile });
  const ses = o.sesAccess.authorise(
    singleAttemptSesClient({
      endpoint: o.sesEndpoint,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const now = () => new Date(); // the engine's virtual clock fakes Date, so this is engine time
  const consoleUrl = `${o.origin}/console`;

  const per = new Map<
    string,
    { config: AssociationConfig; repo: CaseRepository; store: WorkflowStore; mailer: Mailer }
  >();
  for (const config of o.associations) {
    const tableName = tableNameFor(config.id);
    const repo = createCaseRepository({ client: doc, tableName, associationId: config.id, config, crypto, now });
    const store = createDynamoWorkflowStore({ doc, tableName });
    const mailer = createSesMailer({ client: ses, from: `haven@${config.id}.haven.local`, markers: store, now });
    per.set(config.id, { config, repo, store, mailer });
  }

  // Case id → association: remembered from starts, else looked up in each association's table.
  const owner = new Map<string, string>();
  const ownerOf = async (caseId: string) => {
    const known = owner.get(caseId);
    const knownAssociation = known ? per.get(known) : undefined;
    if (knownAssociation) return knownAssociation;
    for (const [id, a] of per) {
      if (await a.repo.getSummary(caseId)) {
        owner.set(caseId, id);
        return a;
      }
    }
    throw new Error(`case ${caseId} is in no association's table`);
  };
  const store: WorkflowStore = {
    get: async (c) => (await ownerOf(c)).store.get(c),
    bumpChange: async (c) => (await ownerOf(c)).store.bumpChange(c),
    parkToken: async (c, t, s, b, at) => (await ownerOf(c)).store.parkToken(c, t, s, b, at),
    clearToken: async (c, t) => (await ownerOf(c)).store.clearToken(c, t),
    setClocks: async (c, k, s, seen) => (await ownerOf(c)).store.setClocks(c, k, s, seen),
    retireClock: async (c, k, g) => (await ownerOf(c)).store.retireClock(c, k, g),
    finishClock: async (c, k, g) => (await ownerOf(c)).store.finishClock(c, k, g),
    hasMarker: async (c, k) => (await ownerOf(c)).store.hasMarker(c, k),
    putMarker: async (c, k, at) => (await ownerOf(c)).store.putMarker(c, k, at),
    claimSend: async (c, k, n, at) => (await ownerOf(c)).store.claimSend(c, k, n, at),
    settleSend: async (c, k, how) => (await ownerOf(c)).store.settleSend(c, k, how),
    noteLifecycle: async (c, n) => (await ownerOf(c)).store.noteLifecycle(c, n),
    nextLifecycle: async (c) => (await ownerOf(c)).store.nextLifecycle(c),
  };
  const cases: LifecycleCases = {
    getCase: async (c, reader) => {
      const stored = await (await ownerOf(c)).repo.getCase(c, reader);
      return stored as unknown as Awaited<ReturnType<LifecycleCases['getCase']>>;
    },
    appendEvent: async (c, e) => (await ownerOf(c)).repo.appendEvent(c, e),
    recordAlerts: async (alerts) => {
      const first = alerts[0];
      if (first) await (await ownerOf(first.caseId)).repo.recordAlerts(alerts);
    },
    setNextDueAt: async (c, v, d) => (await ownerOf(c)).repo.setNextDueAt(c, v, d),
  };
  const mailer: Mailer = { send: async (c, email, policy) => (await ownerOf(c)).mailer.send(c, email, policy) };
  // The alarm topic on one machine: its email subscriber tells each association's operations mailbox.
  const mailboxOf = (id: string) => per.get(id)?.config.escalation.mailboxes.operations;
  const alarm = createInProcessAlarmTopic([emailSubscriber({ client: ses, from: 'haven@haven.local', mailboxOf })]);
  const config = (id: string) => {
    const a = per.get(id);
    if (!a) throw new Error(`Unknown association "${id}"`);
    return a.config;
  };

  let client: WorkflowClient | undefined;
  const engine = await createWorkflowEngine({
    handlers: (wc) => {
      client = remembering(wc, owner);
      return lifecycleHandlers({ cases, store, mailer, alarm, workflow: client, config, now, consoleUrl });
    },
    store,
    clock: o.clock,
    ...(o.speed ? { speed: o.speed } : {}),
    ...(o.start ? { start: o.start } : {}),
  });
  const workflow = client ?? remembering(engine.workflowClient, owner);
  let engineRunning = true;

  const handlers = new Map<string, HandlerSet>();
  for (const [id, a] of per) {
    const deps: Deps = {
      config: a.config,
      cases: a.repo,
      workflow,
      hmac: (t) => crypto.hmac(t),
      now,
      logger: createLogger(`haven-local-${id}`),
      consoleUrl,
      directory: listedDirectory(o.staff.filter((u) => u.associationId === id)),
    };
    const set: HandlerSet = {
      intake: createIntakeHandler(deps),
      cases: createCasesHandler(deps),
      figures: createFiguresHandler(deps),
      'report-form': createReportFormHandler({
        ...deps,
        form: { basePath: `/${id}`, assetPath: '/assets', exitUrl: '/weather' },
      }),
    };
    handlers.set(id, set);
  }

  return {
    handlers,
    engine,
    engineUp: () => engineRunning,
    async resume() {
      let total = 0;
      for (const [id, a] of per) {
        // A fresh engine knows no execution: clocks and waits start again where the store has them.
        const resumed = await engine.during(
          resumeOpenCases(
            async (cursor) => {
              const page = await a.repo.listOpenCases({ limit: 100, ...(cursor ? { cursor } : {}) });
              for (const item of page.items) owner.set(item.caseId, id);
              return {
                items: page.items.map((i) => ({ caseId: i.caseId, associationId: id, updatedAt: i.updatedAt })),
                ...(page.cursor ? { cursor: page.cursor } : {}),
              };
            },
            { runtime: engine.runtime, store, workflow, cases: a.repo, now },
          ),
        );
        total += resumed.rearmed + resumed.triaged;
        // Failed twice (resumeOpenCases tries each once more): no local sweep comes after; ids and error class only.
        const logger = createLogger(`haven-local-${id}`);
        for (const f of resumed.failed)
          logger.error('resume failed: the case has no lifecycle until the next start-up', { ...f });
      }
      return total;
    },
    async close() {
      engineRunning = false;
      await engine.close();
      ses.destroy();
      doc.destroy();
    },
  };
};

/** Wraps the workflow client so every case it starts is remembered with its association. */
function remembering(wc: WorkflowClient, owner: Map<string, string>): WorkflowClient {
  return {
    ...wc,
    async startCase(caseId, associationId) {
      owner.set(caseId, associationId);
      await wc.startCase(caseId, associationId);
    },
    async reopenCase(caseId, associationId) {
      owner.set(caseId, associationId);
      await wc.reopenCase(caseId, associationId);
    },
    async startClock(input) {
      owner.set(input.caseId, input.associationId);
      await wc.startClock(input);
    },
  };
}

import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { ASSOCIATION_IDS, getAssociation } from '../config/index.js';
import { loadOrCreateLocalKeys } from '../functions/adapters/field-crypto.js';
import { ROLES } from '../functions/core/roles.js';
import { ensureTables, startDynalite } from './dynalite.js';
import { createLocalIdentity, type LocalIdentity } from './identity.js';
import { repairIndexes, type TableRepair } from './index-repair.js';
import { CONTROL_FILE, createLocalControl, type LocalControl } from './local-control.js';
import { createHavenServer, type LocalClock } from './server.js';
import { startSes } from './ses.js';
import { LONGEST_JUMP_MS, loadVirtualStart, saveVirtualNow, TOO_FAR } from './virtual-clock.js';
import { tableNameFor, type Wired, type Wiring } from './wiring.js';

/** How to start Haven on one machine. */
export interface HavenOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  dataDir: string;
  /** 'virtual': Haven's time can be moved (and runs at `speed`); it carries on from the data dir after a restart. */
  clock?: 'real' | 'virtual';
  /** Virtual milliseconds per real millisecond (virtual clock only; 0 or absent: only jumps move it). */
  speed?: number;
  /** The handlers; the real ones by default (tests may stub them). */
  wiring?: Wiring;
  log?: (line: string) => void;
}

/** Haven running on one machine. */
export interface RunningHaven {
  url: string;
  port: number;
  identity: LocalIdentity;
  wired: Wired;
  /** Sign-in links of the example users: association → role → link. */
  signInLinks: Record<string, Record<string, string>>;
  /** Open cases whose clocks were re-planned at start. */
  resumed: number;
  /** Index entries repaired at start (left by a kill -9 inside a dynalite write), table by table. */
  repaired: TableRepair[];
  /** Haven's clock (virtual or real). */
  clock: LocalClock;
  /** Where dynalite and the SES mock listen: they answer Haven's own process only (private-endpoint.ts). */
  backing: { dynamodb: string; ses: string };
  stop(): Promise<void>;
}

/**
 * Starts dynalite (on disk under the data dir), aws-ses-v2-local, the workflow engine and the HTTP
 * server; creates the field key file and one table per association on first start; re-plans the
 * clocks of every open case.
 */
export async function startHaven(o: HavenOptions): Promise<RunningHaven> {
  const log = o.log ?? (() => undefined);
  const dataDir = resolve(o.dataDir);
  const keyFile = join(dataDir, 'field-key.json');
  loadOrCreateLocalKeys(keyFile); // created on first start, 0600
  const associations = ASSOCIATION_IDS.map((id) => getAssociation(id));

  // Before dynalite opens its data: a kill -9 mid-write may have left index entries without their item.
  const repaired = await repairIndexes(join(dataDir, 'dynalite'));
  for (const r of repaired)
    log(
      `index repair: ${r.table}: ${r.removed} index entries removed, ${r.rewritten} rewritten from their item (cases ${r.caseIds.slice(0, 20).join(', ')}${r.caseIds.length > 20 ? ', …' : ''})`,
    );
  const dynamo = await startDynalite(join(dataDir, 'dynalite'));
  const ses = await startSes();
  const stops: (() => Promise<void>)[] = [() => ses.close(), () => dynamo.close()];
  try {
    await ensureTables(
      dynamo.client,
      associations.map((a) => tableNameFor(a.id)),
    );
    let wired: Wired | undefined;
    let clock: LocalClock | undefined;
    let control: LocalControl | undefined;
    const identityRef: { current?: LocalIdentity } = {};
    const server = createHavenServer({
      associations: associations.map((a) => ({ id: a.id, name: a.name })),
      handlers: () => wired?.handlers,
      get identity() {
        return identityRef.current as LocalIdentity;
      },
      ses,
      health: async () => ({
        dynamodb: await dynamo.healthy(),
        ses: await ses.healthy(),
        workflow: wired?.engineUp() ?? false,
      }),
      log,
      clock: () => clock,
      control: () => control,
    });
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(o.port, o.host ?? '127.0.0.1', () => ok());
    });
    stops.unshift(
      () =>
        new Promise<void>((ok) => {
          server.closeAllConnections();
          server.close(() => ok());
        }),
    );
    const port = (server.address() as AddressInfo).port;
    const url = `http://${o.host && o.host !== '0.0.0.0' ? o.host : '127.0.0.1'}:${port}`;
    const identity = createLocalIdentity({
      issuerBase: `${url}/local`,
      associations: associations.map((a) => ({ id: a.id, areaIds: a.areas.map((r) => r.id) })),
    });
    identityRef.current = identity;

    control = createLocalControl(dataDir, url);
    stops.push(async () => rmSync(join(dataDir, CONTROL_FILE), { force: true }));

    const virtual = (o.clock ?? 'real') === 'virtual';
    // A restarted virtual clock carries on where it was (plus the time it was stopped): never back in time.
    const start = virtual ? loadVirtualStart(dataDir) : undefined;
    const wiring = o.wiring ?? (await import('./wiring.js')).wireHaven;
    wired = await wiring({
      associations,
      dynamoEndpoint: dynamo.endpoint,
      sesEndpoint: ses.endpoint,
      dynamoTransport: dynamo.transport,
      sesAccess: ses.access,
      keyFile,
      origin: url,
      staff: identity.users,
      clock: o.clock ?? 'real',
      ...(o.speed ? { speed: o.speed } : {}),
      ...(start ? { start } : {}),
    });
    const w = wired;
    stops.unshift(() => w.close());
    const engine = w.engine;
    const speed = virtual ? (o.speed ?? 0) : 1;
    const c: LocalClock = {
      virtual: virtual && engine !== undefined,
      speed,
      now: () => engine?.now() ?? new Date(),
      async jumpTo(to) {
        if (!engine || !virtual) throw new Error('the clock is real');
        // The control endpoint refuses this first (parseJump); a jump of centuries would never finish.
        if (to.getTime() - engine.now().getTime() > LONGEST_JUMP_MS) throw new Error(`the jump ${TOO_FAR}`);
        await engine.advanceTo(to);
        await engine.idle();
        saveVirtualNow(dataDir, engine.now());
      },
    };
    clock = c;
    if (c.virtual) {
      saveVirtualNow(dataDir, c.now());
      // setInterval is left real by the virtual clock: save the running clock every few seconds.
      const saver = setInterval(() => saveVirtualNow(dataDir, c.now()), 2000);
      saver.unref();
      stops.unshift(async () => {
        clearInterval(saver);
        saveVirtualNow(dataDir, c.now());
      });
    }
    const resumed = await wired.resume();

    const signInLinks: Record<string, Record<string, string>> = {};
    for (const a of associations) {
      const links: Record<string, string> = {};
      signInLinks[a.id] = links;
      for (const role of ROLES) {
        // The local identity provider makes one user of every role for every association.
        const user = identity.users.find((u) => u.associationId === a.id && u.role === role);
        if (!user) throw new Error(`the local identity provider has no ${role} user for ${a.id}`);
        links[role] = `${url}/local/sign-in?code=${identity.codeFor(user)}`;
      }
    }
    let stopped = false;
    return {
      url,
      port,
      identity,
      wired,
      signInLinks,
      resumed,
      repaired,
      clock: c,
      backing: { dynamodb: dynamo.endpoint, ses: ses.endpoint },
      async stop() {
        if (stopped) return;
        stopped = true;
        for (const stop of stops) await stop().catch((e: unknown) => log(`stopping: ${(e as Error)?.name ?? 'Error'}`));
      },
    };
  } catch (e) {
    for (const stop of stops) await stop().catch(() => undefined);
    throw e;
  }
}

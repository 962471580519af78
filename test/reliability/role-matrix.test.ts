/**
 * The role × endpoint matrix, generated from lib/handlers.ts: every staff route of every handler,
 * asked by every role of functions/core/roles.ts on the running local stack, on a case of the officer's
 * own area and on one outside it. The answer expected follows from what is declared: the roles the
 * handler lets in (its `httpApi` roles), the narrower rule of a route (the staff directory and
 * assignment: managers and the lead), then who may see the case (an officer: their areas; else 404).
 * Commands are sent valid but on a stale version, so an allowed one changes nothing (409 or 422).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { CLOSURE_OUTCOMES, PATHWAYS } from '../../functions/core/case.js';
import { COMMANDS } from '../../functions/core/commands/index.js';
import { CLOCK_DUTY } from '../../functions/core/duties.js';
import { ALL_CASES_ROLES, CASE_ROLES, FIGURES_ROLES, ROLES, type Role } from '../../functions/core/roles.js';
import { HANDLERS } from '../../lib/handlers.js';
import { dashAnswers } from '../handlers/harness.js';
import { type ReliabilityHaven, SCENARIO_MS, send, startReliabilityHaven } from '../support/reliability-haven.js';
import { removeDataDir, tempDataDir } from '../support/runtime.js';

const ASSOCIATION = 'wrekin';
const [OWN_AREA, OTHER_AREA] = getAssociation(ASSOCIATION).areas.map((a) => a.id) as [string, string];

/** The roles each staff handler lets in, by its name in lib/handlers.ts (as its handler.ts passes them to httpApi). */
const HANDLER_ROLES: Record<string, readonly Role[]> = { cases: CASE_ROLES, figures: FIGURES_ROLES };
/** Endpoints a rule narrows further than their handler (functions/core/rules/case-access.ts mayAssign). */
const NARROWER: Record<string, readonly Role[]> = {
  'GET /api/staff': ALL_CASES_ROLES,
  'POST /api/cases/{id}/assign': ALL_CASES_ROLES,
};

/** A valid body and the path under the case for every staff command (functions/core/commands), and reveal. */
const COMMAND_REQUESTS: Record<keyof typeof COMMANDS | 'reveal', { path: string; body: object }> = {
  contact: { path: 'contacts', body: { way: 'phone' } },
  contactPlan: { path: 'contact-plan', body: { agreedWith: 'victim' } },
  dash: { path: 'dash', body: dashAnswers(0) },
  pathway: { path: 'pathway', body: { pathway: PATHWAYS[0] } },
  referral: { path: 'referrals', body: { duty: 'marac-referral' } },
  acknowledge: { path: 'referrals/marac-referral/acknowledge', body: {} },
  consent: { path: 'consent', body: { duty: 'marac-referral', decision: 'given' } },
  action: { path: 'actions/initial-contact', body: { outcome: 'done' } },
  incident: { path: 'incidents', body: {} },
  facts: { path: 'facts', body: { violentIncident: true } },
  holdingPause: { path: 'holding-pause', body: { action: 'pause', reason: 'waiting for the police' } },
  safetyPlan: { path: 'safety-plan', body: { steps: [], keyContacts: [] } },
  share: { path: 'safety-plan/share', body: { contact: 0, items: ['the plan'] } },
  close: { path: 'close', body: { discussedWithVictim: true, outcome: CLOSURE_OUTCOMES[0] } },
  assign: { path: 'assign', body: { officer: 'officer-2' } },
  acknowledgeEscalation: {
    path: 'escalations/initial-contact/acknowledge',
    body: { clock: Object.keys(CLOCK_DUTY)[0], deadline: '2026-12-01T10:00:00.000Z', tier: 0 },
  },
  reveal: { path: 'reveal', body: {} },
};

/** One request of the matrix: the endpoint's name, and how to ask it of a case (or without one). */
interface Probe {
  endpoint: string;
  handler: string;
  onCase: boolean;
  request(caseId: string): { method: string; path: string; body?: object };
}
const QUERIES: Record<string, string> = { '/api/figures': '?from=2026-04-01&to=2027-03-31' };

/** Every staff route of lib/handlers.ts as probes; a greedy command route expands to every command. */
function probes(): Probe[] {
  return HANDLERS.flatMap((h) =>
    (h.routes ?? [])
      .filter((r) => r.api === 'staff')
      .flatMap((r): Probe[] => {
        if (r.path.endsWith('/{command+}'))
          return Object.values(COMMAND_REQUESTS).map(({ path, body }) => ({
            endpoint: `${r.method} ${r.path.replace('{command+}', path)}`,
            handler: h.name,
            onCase: true,
            request: (caseId) => ({
              method: r.method,
              path: r.path.replace('{id}', caseId).replace('{command+}', path),
              body: { ...body, expectedVersion: 999 },
            }),
          }));
        return [
          {
            endpoint: `${r.method} ${r.path}`,
            handler: h.name,
            onCase: r.path.includes('{id}'),
            request: (caseId) => ({
              method: r.method,
              path: `${r.path.replace('{id}', caseId)}${QUERIES[r.path] ?? ''}`,
            }),
          },
        ];
      }),
  );
}

type Expected = 'allowed' | 403 | 404;
/** What a role should get from an endpoint, on a case of the officer's own area or outside it. */
function expected(role: Role, probe: Probe, caseArea: 'own' | 'other'): Expected {
  if (!(HANDLER_ROLES[probe.handler] ?? []).includes(role)) return 403;
  if (!(NARROWER[probe.endpoint] ?? ROLES).includes(role)) return 403;
  if (probe.onCase && caseArea === 'other' && !ALL_CASES_ROLES.includes(role)) return 404;
  return 'allowed';
}

describe('the role × endpoint matrix from lib/handlers.ts: every role gets what the declared roles say, on the running stack', () => {
  let dataDir: string;
  let haven: ReliabilityHaven;
  const tokens = new Map<Role, string>();
  const cases: Record<'own' | 'other', string> = { own: '', other: '' };
  beforeAll(async () => {
    dataDir = tempDataDir('haven-matrix-');
    haven = await startReliabilityHaven(dataDir);
    for (const role of ROLES) tokens.set(role, await haven.token(ASSOCIATION, role));
    const manager = tokens.get('manager') as string;
    for (const [which, area] of [
      ['own', OWN_AREA],
      ['other', OTHER_AREA],
    ] as const) {
      const report = { associationId: ASSOCIATION, reporterKind: 'victim', immediateDanger: false };
      const made = await send(`${haven.url}/${ASSOCIATION}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...report, livesInAssociationHome: 'yes', area, narrative: `matrix ${which}` }),
      });
      const reference = (made.json as { reference: string }).reference;
      const found = await send(`${haven.url}/${ASSOCIATION}/api/cases?reference=${reference}`, {
        headers: { authorization: `Bearer ${manager}` },
      });
      cases[which] = (found.json as { items: { caseId: string }[] }).items[0]?.caseId ?? '';
    }
  }, SCENARIO_MS);
  afterAll(async () => {
    await haven?.stop();
    if (dataDir) removeDataDir(dataDir);
  });

  it('every handler with staff routes declares the roles it lets in (a new one must be added here)', () => {
    // Prepare
    const staffHandlers = HANDLERS.filter((h) => h.routes?.some((r) => r.api === 'staff')).map((h) => h.name);

    // Assess
    expect(Object.keys(HANDLER_ROLES).sort()).toEqual([...staffHandlers].sort());
  });

  it('every staff command has a request in the matrix (a new command must be added here)', () => {
    // Assess
    expect(Object.keys(COMMAND_REQUESTS).sort()).toEqual([...Object.keys(COMMANDS), 'reveal'].sort());
  });

  it('every staff route of lib/handlers.ts is in the matrix, and every endpoint narrowed by a rule is one of them', () => {
    // Prepare
    const endpoints = probes().map((p) => p.endpoint);
    const routes = HANDLERS.flatMap((h) => (h.routes ?? []).filter((r) => r.api === 'staff'));

    // Assess
    for (const r of routes)
      expect(endpoints.some((e) => e === `${r.method} ${r.path}` || r.path.endsWith('{command+}'))).toBe(true);
    for (const narrowed of Object.keys(NARROWER)) expect(endpoints).toContain(narrowed);
  });

  it.each(probes().flatMap((p) => ROLES.map((role) => [p.endpoint, role, p] as const)))(
    '%s asked by the %s',
    async (_endpoint, role, probe) => {
      // Prepare
      const token = tokens.get(role) as string;
      const areas = probe.onCase ? (['own', 'other'] as const) : (['own'] as const);

      for (const area of areas) {
        const { method, path, body } = probe.request(cases[area]);

        // Act
        const answer = await send(`${haven.url}/${ASSOCIATION}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });

        // Assess
        const want = expected(role, probe, area);
        const seen = `${probe.endpoint} by the ${role} on a case of ${area === 'own' ? 'their own' : 'another'} area: ${answer.status} ${answer.raw.slice(0, 200)}`;
        if (want === 'allowed') {
          expect([401, 403, 404], seen).not.toContain(answer.status);
          expect(answer.status, seen).toBeLessThan(500);
        } else expect(answer.status, seen).toBe(want);
      }
    },
  );
});

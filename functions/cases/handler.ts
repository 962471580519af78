/**
 * The staff cases API: the caseload, the alerts list, the audited case view, every case command and
 * the staff directory assignment picks from, behind one route table. Paths are matched on the raw
 * path, so the deployed route may be `{command+}` or any finer set.
 */

import { caseRepository } from '../adapters/case-parts.js';
import { type Deps, type DepsSource, depsFromEnvironment, resolver } from '../adapters/deps.js';
import { directoryFromEnvironment } from '../adapters/directory-cognito.js';
import { httpApi } from '../adapters/http/middleware.js';
import { Routes } from '../adapters/http/router.js';
import { fieldCrypto, runtime } from '../adapters/lambda-parts.js';
import { CASE_ROLES } from '../core/roles.js';
import { listAlerts } from './alerts.js';
import { listCases } from './caseload.js';
import { runCommand } from './command.js';
import { getCase, revealCase } from './read.js';
import { listStaff } from './staff.js';

/** Builds the cases handler over `deps` (or a builder of them). */
export function createHandler(source: DepsSource) {
  const routes = new Routes<Deps>()
    .get('/api/cases', listCases)
    .get('/api/alerts', listAlerts)
    .get('/api/staff', listStaff)
    .get('/api/cases/:id', getCase)
    .post('/api/cases/:id/reveal', revealCase)
    // Every other path under a case is a command; which one is command.ts's to say (404 "no such command").
    .post(/^\/api\/cases\/(?<id>[^/]+)\/(?<command>.+)$/, runCommand);
  return httpApi(resolver(source), routes.handle, { roles: CASE_ROLES });
}

/** The Lambda entry point: deps (and the staff directory, from USER_POOL_ID) built once per container from the environment. */
export const handler = createHandler(async () => ({
  ...(await depsFromEnvironment('haven-cases', { cases: caseRepository, fieldCrypto, runtime })),
  ...directoryFromEnvironment(),
}));

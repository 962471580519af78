/**
 * GET /api/alerts: the escalations sent to the caller — to their own address as the assigned officer,
 * or to the mailbox of an escalation role their sign-in role stands for — newest first, each with
 * whether and by whom its chain was taken on. From the alert items and the cases' clear meta only (no
 * decrypt, no Scan); a case the caller may not see is left out.
 */
import type { Deps } from '../adapters/deps.js';
import { type ApiResult, json } from '../adapters/http/middleware.js';
import type { RouteRequest } from '../adapters/http/router.js';
import { maySee } from '../core/rules/case-access.js';
import { escalationRolesOf } from '../core/rules/escalation-acknowledgement.js';
import { callerOf } from './route-input.js';

/** GET /api/alerts (see the module comment). */
export async function listAlerts({ context, deps: d }: RouteRequest<Deps>): Promise<ApiResult> {
  const who = callerOf(context);
  const keys = [`staff#${who.sub}`, ...escalationRolesOf(who.roles).map((r) => `role#${r}`)];
  const alerts = await d.cases.listAlerts(keys, 100);
  const items = alerts
    .filter((a) =>
      maySee(who, {
        ...(a.area ? { area: a.area } : {}),
        ...(a.assignedOfficer ? { assignedOfficer: a.assignedOfficer } : {}),
      }),
    )
    .map((a) => ({
      caseId: a.caseId,
      reference: a.reference,
      clock: a.clock,
      duty: a.duty,
      deadline: a.deadline,
      tier: a.tier,
      role: a.role,
      to: a.to,
      toYou: a.alertKey === `staff#${who.sub}`,
      sentAt: a.sentAt,
      status: a.status ?? 'open',
      ...(a.acknowledged
        ? {
            acknowledged: {
              at: a.acknowledged.at,
              tier: a.acknowledged.tier,
              byYou: a.acknowledged.by === who.sub,
              ...(a.acknowledged.email ? { email: a.acknowledged.email } : {}),
            },
          }
        : {}),
    }));
  return json(200, { items }, context.correlationId);
}

/**
 * The alerts list: one clear item per escalation sent to one recipient key (`role#<role>` for a
 * role's mailbox, `staff#<sub>` for an assigned officer's own address), written by the escalate step,
 * and read newest first by recipient with one query per key — no Scan, no decrypt. Whether a chain was
 * taken on is read from the case items' clear `escalationAcks` (written with the acknowledgement).
 */
import { ITEM_TYPE, keys } from '../../contract/table-layout.js';
import type { ClockName } from '../../core/association.js';
import type { CaseStatus, EscalationAck } from '../../core/case.js';
import type { Duty, StaffRole } from '../../core/duties.js';
import { isConditionFailed } from '../dynamo.js';
import { batchGet, putItem, queryOnce, type Store } from './access.js';

/** One escalation sent to one recipient: ids, reference, duty, tier, the staff address and instants. */
export interface AlertRecord {
  alertKey: string;
  caseId: string;
  reference: string;
  /** The chain: the clock key (`<clock>@<deadline>`). */
  key: string;
  clock: ClockName;
  duty: Duty;
  tier: number;
  deadline: string;
  role: StaffRole;
  to: string;
  /** When this tier was due to fire (the clock execution's instant): fixed across retries. */
  tierAt: string;
  sentAt: string;
}

/** An alert as listed: where its case stands now, and who took its chain on. */
export interface ListedAlert extends AlertRecord {
  status?: CaseStatus;
  area?: string;
  assignedOfficer?: string;
  acknowledged?: EscalationAck;
}

const token = (key: string) => key.replace(/[^A-Za-z0-9:._-]/g, '');

/** Records each alert once (a retried step leaves the first record as it is). */
export async function recordAlerts(store: Store, alerts: readonly AlertRecord[]): Promise<void> {
  for (const a of alerts) {
    const Item = {
      ...keys.alert(a.alertKey, `${a.tierAt}#${a.caseId}#${token(a.key)}#${a.tier}`),
      itemType: ITEM_TYPE.alert,
      ...a,
    };
    try {
      await putItem(store, { Item, ConditionExpression: 'attribute_not_exists(pk)' });
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
    }
  }
}

const FIELDS = [
  'alertKey',
  'caseId',
  'reference',
  'key',
  'clock',
  'duty',
  'tier',
  'deadline',
  'role',
  'to',
  'tierAt',
  'sentAt',
] as const;

/** The newest `limit` alerts sent to any of `alertKeys`, newest first, each with its case's clear standing (none whose case is missing). */
export async function listAlerts(store: Store, alertKeys: readonly string[], limit = 50): Promise<ListedAlert[]> {
  const pages = await Promise.all(
    [...new Set(alertKeys)].map((k) =>
      queryOnce(store, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.alertPk(k) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    ),
  );
  const alerts = pages
    .flatMap((p) => p.Items ?? [])
    .map((i) => Object.fromEntries(FIELDS.map((f) => [f, i[f]])) as unknown as AlertRecord)
    .sort((a, b) => (a.tierAt < b.tierAt ? 1 : a.tierAt > b.tierAt ? -1 : 0))
    .slice(0, limit);
  const caseIds = [...new Set(alerts.map((a) => a.caseId))];
  const cases = await batchGet(
    store,
    caseIds.map((id) => keys.case(id)),
    {
      expression: 'caseId, #status, area, assignedOfficer, escalationAcks',
      names: { '#status': 'status' },
    },
  );
  const byId = new Map(cases.map((c) => [c.caseId as string, c]));
  // An alert whose case cannot be found has no area or officer to check the reader against: it is
  // dropped, never listed (with its reference) to everyone.
  return alerts.flatMap((a) => {
    const c = byId.get(a.caseId);
    if (!c) return [];
    const ack = (c.escalationAcks as Record<string, EscalationAck> | undefined)?.[a.key];
    return [
      {
        ...a,
        ...(c.status ? { status: c.status as CaseStatus } : {}),
        ...(c.area ? { area: c.area as string } : {}),
        ...(c.assignedOfficer ? { assignedOfficer: c.assignedOfficer as string } : {}),
        ...(ack ? { acknowledged: ack } : {}),
      },
    ];
  });
}

import { describe, expect, it } from 'vitest';
import { getAssociation } from '../../config/index.js';
import { caseItem } from '../../functions/adapters/store/items.js';
import type { CaseSummary } from '../../functions/adapters/store/types.js';
import type { EscalationAck } from '../../functions/core/case.js';
import { state } from './routing-fixtures.js';

const om = getAssociation('one-manchester');
const DEADLINE = '2026-03-05T10:00:00.000Z';
const KEY = `initialContact@${DEADLINE}`;
const summary: CaseSummary = {
  caseId: 'case-1',
  reference: 'OM-1',
  associationId: 'one-manchester',
  status: 'open',
  reportedAt: '2026-03-04T10:00:00.000Z',
  risk: 'standard',
  abuseTypes: [],
  version: 2,
  createdAt: '2026-03-04T10:00:00.000Z',
  updatedAt: '2026-03-05T11:00:00.000Z',
} as CaseSummary;
const clearAcks = (acks: Record<string, unknown>) =>
  caseItem(summary, state({ escalationAcks: acks as Record<string, EscalationAck> }), [], [], 'sealed', {
    config: om,
    homeMarked: false,
    linkedMaracReferrals: [],
  }).escalationAcks;

describe('the clear escalation acknowledgements on the case item are rebuilt from their shapes, never copied', () => {
  it('a well-formed acknowledgement reaches clear as it is: tier, staff id, work email, instant (rebuilt), by its clock key', () => {
    // Act
    const clear = clearAcks({
      'initialContact@2026-03-05T10:00:00Z': {
        tier: 1,
        by: 'sub-manager',
        email: 'manager@one-manchester.example.org',
        at: '2026-03-05T11:00:00Z',
      },
    });
    // Assess
    expect(clear).toEqual({
      [KEY]: {
        tier: 1,
        by: 'sub-manager',
        email: 'manager@one-manchester.example.org',
        at: '2026-03-05T11:00:00.000Z',
      },
    });
  });
  it('no other text reaches clear: extra fields, a name in the id or email, an unknown clock, a non-integer tier or a non-instant are dropped', () => {
    // Prepare: the canary is what a person might have typed.
    const CANARY = 'Jane Canary lives at 1 Secret Road';
    const acks = {
      [KEY]: { tier: 0, by: 'sub-1', email: `${CANARY}@x.org`, at: '2026-03-05T11:00:00Z', note: CANARY },
      [`${CANARY}@${DEADLINE}`]: { tier: 0, by: 'sub-2', at: '2026-03-05T11:00:00Z' },
      [`emergencyAdvice@${CANARY}`]: { tier: 0, by: 'sub-3', at: '2026-03-05T11:00:00Z' },
      [`decideSafeContact@${DEADLINE}`]: { tier: 0.5, by: 'sub-4', at: '2026-03-05T11:00:00Z' },
      [`safeguardingLog@${DEADLINE}`]: { tier: 0, by: CANARY, at: '2026-03-05T11:00:00Z' },
      [`regularContact@${DEADLINE}`]: { tier: 0, by: 'sub-6', at: `2026-03-05T11:00 ${CANARY}` },
    };
    // Act
    const clear = clearAcks(acks);
    // Assess
    expect(clear).toEqual({ [KEY]: { tier: 0, by: 'sub-1', at: '2026-03-05T11:00:00.000Z' } });
    expect(JSON.stringify(clear)).not.toContain('Canary');
  });
  it('nothing well-formed: no attribute at all', () => {
    // Act
    const clear = clearAcks({ [KEY]: { tier: -1, by: 'sub-1', at: '2026-03-05T11:00:00Z' } });
    // Assess
    expect(clear).toBeUndefined();
  });
});

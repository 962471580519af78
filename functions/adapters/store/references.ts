/** Case ids and the references reporters are given, and the key an intake idempotency claim is held under. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { keys } from '../../contract/table-layout.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A fresh case id (UUID) and a reference to give the reporter: the association's configured
 * `referencePrefix`, then 40 random bits (e.g. CNH-XXXX-XXXX), so staff and reporters can tell
 * whose reference it is.
 */
export function newCaseIdentity(referencePrefix: string): { id: string; reference: string } {
  let ref = '';
  for (const byte of randomBytes(8)) ref += CROCKFORD[byte % 32];
  return { id: randomUUID(), reference: `${referencePrefix}-${ref.slice(0, 4)}-${ref.slice(4)}` };
}

/** The claim item's key for an idempotency key: only its hash is stored. */
export function claimKey(idempotencyKey: string): { pk: string; sk: string } {
  return keys.idempotency(createHash('sha256').update(idempotencyKey).digest('hex'));
}

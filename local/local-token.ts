/** POST /local/token: a staff token for an example user, for scripts holding the control key (never for pages). */
import type { IncomingMessage } from 'node:http';
import type { FieldProblem } from '../functions/core/problems.js';
import { ROLES, type Role } from '../functions/core/roles.js';
import { readBody } from './api-gateway.js';
import type { LocalIdentity } from './identity.js';
import { CONTROL_KEY_HEADER, type LocalControl } from './local-control.js';

const SMALL_BODY = 16 * 1024;

/** The JSON answer to a token request: the token, or why not (413, 403, 400 naming the field). */
export async function localToken(
  req: IncomingMessage,
  control: LocalControl,
  o: { ids: ReadonlySet<string>; identity: LocalIdentity },
): Promise<{ status: number; body: unknown }> {
  const body = await readBody(req, SMALL_BODY);
  if (body === 'too-large') return { status: 413, body: { error: 'Request Entity Too Large' } };
  if (typeof req.headers[CONTROL_KEY_HEADER] !== 'string')
    return { status: 403, body: { error: 'scripts only: send the control key from the data dir' } };
  const refused = control.refusal(req, {});
  if (refused) return { status: 403, body: { error: refused } };
  let input: { associationId?: unknown; role?: unknown } = {};
  try {
    input = JSON.parse(body.toString('utf8') || '{}') as typeof input;
  } catch {
    return {
      status: 400,
      body: { error: 'the body must be JSON', fields: [{ field: '(body)', problem: 'must be a JSON object' }] },
    };
  }
  const problems: FieldProblem[] = [];
  if (typeof input.associationId !== 'string' || !o.ids.has(input.associationId))
    problems.push({ field: 'associationId', problem: `must be one of: ${[...o.ids].join(', ')}` });
  if (typeof input.role !== 'string' || !(ROLES as readonly string[]).includes(input.role))
    problems.push({ field: 'role', problem: `must be one of: ${ROLES.join(', ')}` });
  if (problems.length) return { status: 400, body: { error: 'Bad Request', fields: problems } };
  return { status: 200, body: { token: await o.identity.tokenFor(input.associationId as string, input.role as Role) } };
}

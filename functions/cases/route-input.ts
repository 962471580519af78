/**
 * What httpApi and the route table guarantee every cases route: a verified caller and the path
 * parameters its pattern captures. A miss here is a wiring fault (a 500), never a client's error.
 */
import type { Identity } from '../adapters/http/identity.js';
import type { ApiContext } from '../adapters/http/middleware.js';

/** The verified caller: httpApi refuses a cases request without one holding a case role before any route runs. */
export function callerOf(context: ApiContext): Identity {
  if (!context.caller) throw new Error('a cases route ran without a verified caller');
  return context.caller;
}

/** A path parameter the route's own pattern captures, so it is there whenever the route runs. */
export function pathParam(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined) throw new Error(`the route's pattern captured no "${name}"`);
  return value;
}

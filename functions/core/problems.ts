/**
 * The domain's one way to say no: a refusal names its kind and the fields or duties at fault, never
 * a value a person typed. Only `functions/adapters/http` turns a kind into an HTTP status code.
 */

/** One refused field: where it is and what is wrong with it, never what was sent. */
export interface FieldProblem {
  field: string;
  problem: string;
}

/**
 * Why a rule refused: `invalid` (the input is malformed), `conflict` (the case's state does not allow it
 * now, e.g. it is closed), `unprocessable` (well-formed, but the policy does not allow it, e.g. a duty
 * that ends only with the case), `forbidden` (the caller's role may not), `not-found` (no such thing).
 */
export type RefusalKind = 'invalid' | 'conflict' | 'unprocessable' | 'forbidden' | 'not-found';

/** A domain refusal; `missing` lists what must happen first (e.g. the duties still open before closure). */
export class Refusal extends Error {
  override readonly name = 'Refusal';
  constructor(
    readonly kind: RefusalKind,
    message: string,
    readonly problems: FieldProblem[] = [],
    readonly missing?: string[],
  ) {
    super(message);
  }
}

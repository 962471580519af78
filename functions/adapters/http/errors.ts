import type * as z from 'zod/mini';
import '../../core/zod-en.js';
import type { FieldProblem } from '../../core/problems.js';

/** An error that becomes a 4xx response. Its body carries fixed words and field paths only. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly error: string,
    readonly fields: FieldProblem[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }

  /** The response body: `{ error, fields? , ...extra }`. */
  body(): Record<string, unknown> {
    return { error: this.error, ...(this.fields.length ? { fields: this.fields } : {}), ...this.extra };
  }
}

/** 400 naming each bad field. */
export const badRequest = (fields: FieldProblem[], error = 'invalid request'): HttpError =>
  new HttpError(400, error, fields);

/** Writes a field path the way a form author reads it: `person.dateOfBirth`, `steps[2].text`. */
export function fieldPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(body)';
}

const TYPE_WORDS: Record<string, string> = {
  string: 'must be text',
  number: 'must be a number',
  int: 'must be a whole number',
  boolean: 'must be true or false',
  array: 'must be a list',
  object: 'must be an object',
  date: 'must be a date',
};

const FORMAT_WORDS: Record<string, string> = {
  date: 'must be a date written YYYY-MM-DD',
  datetime: 'must be a date and time in ISO 8601 form',
  email: 'must be an email address',
  url: 'must be a web address',
  uuid: 'must be an identifier in UUID form',
};

/**
 * Turns zod issues into field problems without echoing input: every problem is either our own
 * wording or a schema-authored message, and unknown keys are counted, never named (a key is input too).
 */
export function fieldsFromZod(error: z.core.$ZodError, prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const issue of error.issues) {
    const field = fieldPath(issue.path, prefix);
    out.push({ field, problem: problemOf(issue) });
  }
  // One line per field and problem, in a stable order.
  const seen = new Set<string>();
  return out.filter((f) => {
    const k = `${f.field}\u0000${f.problem}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function problemOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined$/.test(issue.message)
        ? 'is required'
        : (TYPE_WORDS[issue.expected] ?? `must be of type ${issue.expected}`);
    case 'unrecognized_keys':
      return issue.keys.length === 1
        ? 'has a field we do not accept'
        : `has ${issue.keys.length} fields we do not accept`;
    case 'invalid_value':
      return issue.values.length <= 12
        ? `must be one of: ${issue.values.map((v) => String(v)).join(', ')}`
        : 'is not one of the accepted values';
    case 'invalid_union':
      return 'is not in an accepted form';
    case 'invalid_key':
    case 'invalid_element':
      return 'contains a value that is not accepted';
    case 'invalid_format':
      return (
        FORMAT_WORDS[issue.format] ??
        (issue.message.startsWith('Invalid') ? 'is not in the expected format' : safeMessage(issue.message))
      );
    case 'too_big':
    case 'too_small':
    case 'not_multiple_of':
    case 'custom':
      return safeMessage(issue.message);
    default:
      return 'is not valid';
  }
}

/** Schema messages are authored by us; still refuse anything that looks like it quotes input. */
function safeMessage(message: string): string {
  if (!message || /["'`]/.test(message) || message.length > 160) return 'is not valid';
  return message;
}

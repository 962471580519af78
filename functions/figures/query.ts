/** The figures query (`from`, `to`, `area?`, `format?`) as the API takes it, refused field by field. */
import * as z from 'zod/mini';
import { badRequest, fieldsFromZod } from '../adapters/http/errors.js';
import type { AssociationConfig } from '../core/association.js';
import { DAY_MS } from '../core/clocks.js';
import type { FieldProblem } from '../core/problems.js';

const MAX_DAYS = 366 * 5;
const date = z.iso.date();

const querySchema = z.strictObject({
  from: date,
  to: date,
  area: z.optional(z.string().check(z.regex(/^[a-z0-9-]{2,60}$/, 'must be an area id'))),
  format: z.optional(z.enum(['json', 'csv'])),
});

/** A period of London dates (both inclusive), an optional area, and the answer's format. */
export type FiguresQuery = z.infer<typeof querySchema>;

/**
 * Parses the query string: dates from 2000, at most a year ahead of `now`, `to` not before `from` and
 * within five years of it, and an area of this association. Throws a 400 naming every bad field.
 */
export function parseFiguresQuery(
  query: Record<string, string | undefined>,
  now: Date,
  areas: AssociationConfig['areas'],
): FiguresQuery {
  const parsed = querySchema.safeParse(query);
  if (!parsed.success) throw badRequest(fieldsFromZod(parsed.error));
  const q = parsed.data;
  const problems: FieldProblem[] = [];
  if (q.from < '2000-01-01') problems.push({ field: 'from', problem: 'must not be before 2000' });
  if (Date.parse(q.from) > now.getTime() + 366 * DAY_MS)
    problems.push({ field: 'from', problem: 'must not be more than a year ahead' });
  if (q.to < q.from) problems.push({ field: 'to', problem: 'must not be before from' });
  else if ((Date.parse(q.to) - Date.parse(q.from)) / DAY_MS > MAX_DAYS)
    problems.push({ field: 'to', problem: 'must be within five years of from' });
  if (q.area && !areas.some((a) => a.id === q.area))
    problems.push({ field: 'area', problem: `must be one of: ${areas.map((a) => a.id).join(', ')}` });
  if (problems.length) throw badRequest(problems);
  return q;
}

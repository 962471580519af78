/** Reading an `application/x-www-form-urlencoded` body (a plain HTML form post) into its fields. */
import type { FormFields } from '../../core/report-form-fields.js';

/** The body's fields; repeated names become lists. */
export function readForm(body: Buffer): FormFields {
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) {
    const seen = fields[key];
    if (seen === undefined) fields[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else fields[key] = [seen, value];
  }
  return fields;
}

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { FormFields } from '../core/report-form.js';

/** Reads an `application/x-www-form-urlencoded` body (base64 or not); repeated names become lists. */
export function readForm(event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>): FormFields {
  const text = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const seen = fields[key];
    if (seen === undefined) fields[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else fields[key] = [seen, value];
  }
  return fields;
}

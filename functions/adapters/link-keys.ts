/**
 * Keyed hashes of normalised identifiers, so a new report finds earlier cases of the same person or
 * home without any identifier sitting in clear in an index. Normalising is deliberately forgiving
 * (case, spacing, punctuation, postcode spacing, +44) and deliberately narrow (a postcode alone is not
 * a home; a name alone is not a person).
 */
import type { Report } from '../core/report.js';
import type { LinkKey, LinkKind } from './store/types.js';

/** Lower case, accents dropped, punctuation to spaces, single spaces. */
function plain(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const POSTCODE = /\b([a-z]{1,2}[0-9][a-z0-9]?) ?([0-9][a-z]{2})\b/;

/** A name and date of birth as one identifier, or undefined when either is missing. */
export function normalisePerson(name: string | undefined, dateOfBirth: string | undefined): string | undefined {
  if (!name || !dateOfBirth) return undefined;
  const n = plain(name);
  return n ? `${n}|${dateOfBirth}` : undefined;
}

/**
 * An address as one identifier: the postcode plus the numbers in the address (house, flat) when it
 * has both, which survives "Rd"/"Road" and word order; otherwise the whole address, plainly written.
 */
export function normaliseAddress(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const p = plain(address);
  if (!p) return undefined;
  const pc = POSTCODE.exec(p);
  if (pc) {
    const rest = p.replace(pc[0], ' ');
    const numbers = [...rest.matchAll(/\b\d+[a-z]?\b/g)].map((m) => m[0]).sort(); // \b is zero-width: the match is the number
    if (numbers.length > 0) return `${pc[1]}${pc[2]}|${numbers.join(',')}`;
  }
  return p;
}

/** A UK phone number as digits with a leading 0 (+44 / 0044 folded), or undefined when too short. */
export function normalisePhone(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  let d = phone.replace(/\D+/g, '');
  // "+44 (0)7700…" keeps a trunk 0 after the country code: fold it too.
  if (d.startsWith('0044')) d = `0${d.slice(4).replace(/^0+/, '')}`;
  else if (d.startsWith('44') && d.length >= 12) d = `0${d.slice(2).replace(/^0+/, '')}`;
  return d.length >= 10 ? d : undefined;
}

/** A housing property reference: letters and digits, upper case. */
export function normalisePropertyReference(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  const r = ref.toUpperCase().replace(/[^A-Z0-9]+/g, '');
  return r || undefined;
}

/** The keyed hash of one normalised identifier of `kind` (the kind is hashed in, so kinds never collide). */
export function linkKey(kind: LinkKind, normalised: string, hmac: (text: string) => string): LinkKey {
  return { kind, key: hmac(`${kind}|${normalised}`) };
}

/** The link keys of a report: property reference, address, name + date of birth, the victim's phone. */
export function linkKeysFor(report: Report, hmac: (text: string) => string): LinkKey[] {
  const out: LinkKey[] = [];
  const add = (kind: LinkKind, value: string | undefined) => {
    if (value && !out.some((l) => l.kind === kind && l.key === hmac(`${kind}|${value}`)))
      out.push(linkKey(kind, value, hmac));
  };
  add('property', normalisePropertyReference(report.person.propertyReference));
  add('address', normaliseAddress(report.person.address));
  add('person', normalisePerson(report.person.name, report.person.dateOfBirth));
  add('phone', normalisePhone(report.safeContact.phone));
  if (report.reporterKind === 'victim') add('phone', normalisePhone(report.reporter.phone));
  return out;
}

/** The link keys that identify a home (markers hang on these). */
export function homeKeys(linkKeys: LinkKey[]): LinkKey[] {
  return linkKeys.filter((l) => l.kind === 'property' || l.kind === 'address');
}

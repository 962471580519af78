import { describe, expect, it } from 'vitest';
import {
  homeKeys,
  linkKeysFor,
  normaliseAddress,
  normalisePerson,
  normalisePhone,
  normalisePropertyReference,
} from '../../functions/adapters/link-keys.js';
import { report } from './case-fixtures.js';

const fakeHmac = (t: string) => `h(${t})`;

describe('identifiers are normalised before they are hashed for linking', () => {
  it('addresses: postcode plus house and flat numbers survive spelling, spacing and order', () => {
    // Act
    const a = normaliseAddress('Flat 2, 14 Elm Road, Telford TF1 2AB');

    // Assess: the same home written otherwise folds to it; another flat or a plain address does not
    expect(a).toBe('tf12ab|14,2');
    expect(normaliseAddress('14 elm rd flat 2 TELFORD tf12ab')).toBe(a);
    expect(normaliseAddress('Flat 3, 14 Elm Road, Telford TF1 2AB')).not.toBe(a);
    expect(normaliseAddress('Rose Cottage, Church Lane')).toBe('rose cottage church lane');
    expect(normaliseAddress('  ')).toBeUndefined();
  });

  it('phones: +44, 0044 and spacing fold to one form; short numbers are not identifiers', () => {
    // Act + Assess
    expect(normalisePhone('+44 7700 900123')).toBe('07700900123');
    expect(normalisePhone('0044 (0)7700-900123')).toBe('07700900123');
    expect(normalisePhone('07700 900 123')).toBe('07700900123');
    expect(normalisePhone('+44 (0)7700 900123')).toBe('07700900123');
    expect(normalisePhone('999')).toBeUndefined();
  });

  it('a person is a name with a date of birth, accents and case folded; a name alone is not', () => {
    // Act + Assess
    expect(normalisePerson('  Zoë   O’Brien ', '1990-01-02')).toBe('zoe o brien|1990-01-02');
    expect(normalisePerson('Zoe O Brien', undefined)).toBeUndefined();
    expect(normalisePropertyReference(' wr-00123 ')).toBe('WR00123');
  });

  it('a report yields property, address, person and the victim’s phone; homes are property and address', () => {
    // Act
    const keys = linkKeysFor(report({ reporterKind: 'victim', reporter: { phone: '+44 7700 900123' } }), fakeHmac);
    const third = linkKeysFor(
      report({
        reporterKind: 'third-party',
        reporter: { phone: '01952 000000' },
        safeContact: { noContact: true, voicemailSafe: false, letterSafe: false },
      }),
      fakeHmac,
    );

    // Assess
    expect(keys.map((k) => k.kind)).toEqual(['property', 'address', 'person', 'phone']);
    expect(keys.find((k) => k.kind === 'phone')?.key).toBe('h(phone|07700900123)');
    expect(homeKeys(keys).map((k) => k.kind)).toEqual(['property', 'address']);
    // A third party's own phone does not identify the victim.
    expect(third.map((k) => k.kind)).toEqual(['property', 'address', 'person']);
  });
});

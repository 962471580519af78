/**
 * Generated report bodies for the intake fuzz (test/reliability and `npm run soak`): valid reports
 * built from the report schema (functions/core/report.ts) and each association's areas, and near-valid
 * mutations of them — wrong types, missing and extra fields, huge strings, odd unicode, bad areas,
 * phones and emails, prototype-pollution keys, deep nesting, wrong content types, bad JSON and
 * duplicate keys. Every free-text value carries a canary that no refusal may echo.
 */
import fc from 'fast-check';
import { ASSOCIATION_IDS, getAssociation } from '../../config/index.js';
import { ABUSE_TYPES, CONTACT_METHODS, REPORTER_KINDS } from '../../functions/core/report.js';

/** Planted in every body; lower-case letters so it also fits the id and area patterns. */
export const CANARY = 'zqcanary';
/** The canary phone: a number of Ofcom's drama range; each report gets its own (07700 900000–900999). */
export const CANARY_PHONE = '07700900917';
export const CANARY_PHONE_PREFIX = '07700900';
export const CANARY_EMAIL = 'zq.canary@example.org';

/** The canaries an answer holds (case-insensitive), none when it echoes nothing. */
export function canariesIn(text: string): string[] {
  const lower = text.toLowerCase();
  return [CANARY, CANARY_PHONE_PREFIX, 'zq.canary'].filter((c) => lower.includes(c));
}

/** One request to POST /{route}/api/reports. */
export interface IntakeRequest {
  /** The association in the path. */
  route: string;
  contentType: string | undefined;
  body: string;
  idempotencyKey?: string;
  /** The mutations applied, for the figures and a failing case's report. */
  kinds: string[];
}

type Body = Record<string, unknown>;
const yesNo = fc.constantFrom('yes', 'no', 'not-sure');
const text = (max: number) => fc.string({ maxLength: max }).map((s) => `${CANARY} ${s}`);
const flags = fc.record(
  {
    children: fc.boolean(),
    vulnerableAdult: fc.boolean(),
    receivesRegisteredCare: fc.boolean(),
    perpetratorHasCareNeeds: fc.boolean(),
    jointTenancyWithPerpetrator: fc.boolean(),
    olderPerson: fc.boolean(),
  },
  { requiredKeys: [] },
);
// Each report its own home, phone and email (as real ones mostly are): shared ones would link every case
// to every other, and each new report would read them all.
const n = fc.integer({ min: 0, max: 999 });
const phone = n.map((i) => `${CANARY_PHONE_PREFIX}${String(i).padStart(3, '0')}`);
const email = fc.integer({ min: 0, max: 1e9 }).map((i) => `zq.canary.${i}@example.org`);
const home = fc.integer({ min: 0, max: 1e9 }).map((i) => `${CANARY}-P${i}`);
const address = fc
  .tuple(fc.integer({ min: 1, max: 1e9 }), fc.string({ maxLength: 40 }))
  .map(([i, s]) => `${CANARY} ${i} Lane ${s}`);
const isoDate = fc
  .date({ min: new Date('1920-01-01T00:00:00Z'), max: new Date('2010-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A report the schema accepts for `associationId` (the intake may still refuse it on its own rules). */
export function validReport(associationId: string): fc.Arbitrary<Body> {
  const areas = getAssociation(associationId).areas.map((a) => a.id);
  return fc
    .record(
      {
        associationId: fc.constant(associationId),
        reporterKind: fc.constantFrom(...REPORTER_KINDS),
        immediateDanger: fc.boolean(),
        livesInAssociationHome: yesNo,
        area: fc.constantFrom(...areas),
        household: flags,
        abuseTypes: fc.subarray([...ABUSE_TYPES]),
        violentIncident: fc.boolean(),
        wantsToStayInHome: yesNo,
        narrative: text(300),
        person: fc.record(
          { name: text(40), address, propertyReference: home, dateOfBirth: isoDate },
          { requiredKeys: [] },
        ),
        reporter: fc.record(
          { name: text(40), phone, email },
          {
            requiredKeys: [],
          },
        ),
        safeContact: fc.oneof(
          fc.constant({ noContact: true }),
          fc.record({ method: fc.constant('phone'), phone, codeWord: text(20) }),
          fc.record({ method: fc.constant('email'), email, safeTimes: text(40) }),
          fc.record({
            method: fc.constantFrom(...CONTACT_METHODS.filter((m) => !['phone', 'text', 'email'].includes(m))),
          }),
        ),
        needs: fc.record(
          { language: text(20), interpreter: fc.boolean(), sameGenderOfficer: fc.boolean(), accessibility: text(60) },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['associationId', 'reporterKind', 'immediateDanger', 'livesInAssociationHome', 'narrative'] },
    )
    .map(withContactRules);
}

/**
 * The rules across questions the form and the API share (core/report-checks.ts contactRuleBreaks), kept:
 * a letter needs the address; "through the reporter" needs a reporter other than the victim, and a way
 * to reach them.
 */
function withContactRules(body: Body): Body {
  const method = (body.safeContact as { method?: string } | undefined)?.method;
  if (method === 'letter' && !(body.person as { address?: string } | undefined)?.address)
    return { ...body, person: { ...(body.person as object | undefined), address: `${CANARY} 1 Lane` } };
  if (method !== 'through-reporter') return body;
  const reporter = (body.reporter as { phone?: string } | undefined) ?? {};
  return {
    ...body,
    reporterKind: body.reporterKind === 'victim' ? 'third-party' : body.reporterKind,
    reporter: { ...reporter, contact: { method: 'phone', phone: reporter.phone ?? `${CANARY_PHONE_PREFIX}000` } },
  };
}

const FIELDS = [
  'associationId',
  'reporterKind',
  'immediateDanger',
  'livesInAssociationHome',
  'area',
  'household',
  'abuseTypes',
  'violentIncident',
  'wantsToStayInHome',
  'narrative',
  'person',
  'reporter',
  'safeContact',
  'needs',
] as const;
const wrongValue = fc.oneof(
  fc.constantFrom(null, 0, -1, 1e308, true, false, [], {}, '', [CANARY], { [CANARY]: CANARY }),
  fc.integer(),
  fc.double(),
  text(20),
);
const hugeText = fc.integer({ min: 10_001, max: 70_000 }).map((n) => `${CANARY}${'x'.repeat(n)}`);
const oddUnicode = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom('\u0000', '\u202e', '\u200b\u200d', '\ud800', '\udfff', '\u0007bell', 'e\u0301', '𝕳𝖆𝖛𝖊𝖓', '\r\n\t'),
  )
  .map((s) => `${CANARY}${s}`);
const badArea = fc.constantFrom(
  'mars',
  `${CANARY}-mars`,
  'MANCHESTER',
  '',
  '../etc',
  'a',
  'x'.repeat(61),
  'leeds ',
  ...ASSOCIATION_IDS.flatMap((id) => getAssociation(id).areas.map((a) => a.id)),
);
const badPhone = fc.oneof(
  fc.constantFrom(
    `${CANARY}`,
    `${CANARY_PHONE}${CANARY}`,
    '',
    'call me',
    '+44 (0) 7700 900 917 ext. 12345678901234',
    '☎',
  ),
  fc.string({ maxLength: 40 }).map((s) => `${CANARY_PHONE}${s}`),
);
const badEmail = fc.oneof(
  fc.constantFrom(`${CANARY}`, `${CANARY}@`, `@${CANARY}.org`, `${CANARY_EMAIL}\n`, `${'a'.repeat(250)}@zq.canary.org`),
  fc.emailAddress().map((e) => `zq.canary.${e}`),
);
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** One mutation of a body: the parsed body changed, or the raw text rewritten (`raw`). */
type Mutation = { kind: string; change: (b: Body) => void } | { kind: string; raw: (json: string) => string };
const at = (b: Body, key: string): Body => {
  const inner = b[key];
  if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) return inner as Body;
  const made: Body = {};
  b[key] = made;
  return made;
};
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(...FIELDS).map((f) => ({ kind: 'missing-field', change: (b: Body) => delete b[f] })),
  fc
    .tuple(fc.constantFrom(...FIELDS), wrongValue)
    .map(([f, v]) => ({ kind: 'wrong-type', change: (b: Body) => (b[f] = v) })),
  fc
    .tuple(fc.constantFrom(`${CANARY}Extra`, 'isAdmin', 'caseId', 'reference', 'status', 'version'), wrongValue)
    .map(([k, v]) => ({
      kind: 'extra-field',
      change: (b: Body) => (b[k] = v),
    })),
  fc
    .constantFrom('narrative', 'person.name', 'person.address', 'needs.accessibility', 'reporter.name')
    .chain((path) => hugeText.map((v) => ({ kind: 'huge-string', change: (b: Body) => setPath(b, path, v) }))),
  fc
    .tuple(fc.constantFrom('narrative', 'person.name', 'safeContact.codeWord', 'needs.language'), oddUnicode)
    .map(([path, v]) => ({ kind: 'unicode', change: (b: Body) => setPath(b, path, v) })),
  badArea.map((v) => ({ kind: 'bad-area', change: (b: Body) => (b.area = v) })),
  fc.tuple(fc.constantFrom('reporter', 'safeContact', 'reporter.contact'), badPhone).map(([where, v]) => ({
    kind: 'bad-phone',
    change: (b: Body) => {
      if (where === 'reporter.contact') at(b, 'reporter').contact = { method: 'phone', phone: v };
      else Object.assign(at(b, where), where === 'safeContact' ? { method: 'phone', phone: v } : { phone: v });
    },
  })),
  fc.tuple(fc.constantFrom('reporter', 'safeContact'), badEmail).map(([where, v]) => ({
    kind: 'bad-email',
    change: (b: Body) =>
      Object.assign(at(b, where), where === 'safeContact' ? { method: 'email', email: v } : { email: v }),
  })),
  fc.tuple(fc.constantFrom(...PROTO_KEYS), fc.constantFrom('', 'person', 'safeContact')).map(([key, where]) => ({
    kind: 'prototype-pollution',
    raw: (json: string) => injectKey(json, where, key, `{"polluted":"${CANARY}","isAdmin":true}`),
  })),
  fc.tuple(fc.integer({ min: 100, max: 20_000 }), fc.constantFrom('[', '{"a":')).map(([depth, open]) => ({
    kind: 'deep-nesting',
    raw: (json: string) =>
      injectKey(json, '', 'household', `${open.repeat(depth)}"${CANARY}"${(open === '[' ? ']' : '}').repeat(depth)}`),
  })),
  // The same key twice: the canary first (the body's own value wins) or last (the canary wins).
  fc.tuple(fc.constantFrom(...FIELDS), fc.boolean()).map(([f, first]) => ({
    kind: 'duplicate-key',
    raw: (json: string) =>
      first ? injectKey(json, '', f, `"${CANARY}"`) : json.replace(/\}$/, `,"${f}":"${CANARY}"}`),
  })),
  fc
    .constantFrom<(json: string) => string>(
      (j) => j.slice(0, Math.max(1, j.length - 7)),
      (j) => `${j},`,
      (j) => j.replace(/"/g, "'"),
      (j) => `\ufeff${j}`,
      (j) => j.replace(/:true|:false/, ':NaN'),
      (j) => `// ${CANARY}\n${j}`,
      () => '',
      () => 'null',
      () => '[]',
      () => `"${CANARY}"`,
      () => '12345',
      (j) => `${j}${j}`,
    )
    .map((raw) => ({ kind: 'bad-json', raw })),
);
const setPath = (b: Body, path: string, v: unknown) => {
  const [head, leaf] = path.split('.') as [string, string | undefined];
  if (leaf === undefined) b[head] = v;
  else at(b, head)[leaf] = v;
};
/** Adds `"key": value` as the first member of the body (`where` ''), or of one of its objects, in the raw text. */
function injectKey(json: string, where: string, key: string, value: string): string {
  const member = `"${key}":${value}`;
  if (where === '') return json.replace(/^\{/, json === '{}' ? `{${member}` : `{${member},`);
  const marker = `"${where}":{`;
  return json.includes(marker)
    ? json.replace(marker, json.includes(`${marker}}`) ? `${marker}${member}` : `${marker}${member},`)
    : json.replace(/^\{/, `{"${where}":{${member}},`);
}

const badContentType = fc.constantFrom(
  undefined,
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/jsonx',
  `application/${CANARY}`,
);
/** `arb` one time in `oneIn`, else null. */
const rarely = <T>(arb: fc.Arbitrary<T>, oneIn: number) =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
const badKey = fc.constantFrom(`${CANARY}!`, 'short', 'k'.repeat(129), `${CANARY} key`, '../../etc/passwd');

/**
 * A request to intake: a valid report sent as JSON (one in ten: each accepted one costs a case and a
 * lifecycle), or one with one to three mutations, sometimes to the wrong association's route, with an
 * odd content type or Idempotency-Key.
 */
export const intakeRequest: fc.Arbitrary<IntakeRequest> = fc
  .constantFrom(...ASSOCIATION_IDS)
  .chain((associationId) =>
    fc.record({
      associationId: fc.constant(associationId),
      report: validReport(associationId),
      mutations: fc.oneof(
        { weight: 1, arbitrary: fc.constant<Mutation[]>([]) },
        { weight: 9, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
      ),
      otherRoute: rarely(fc.constantFrom(...ASSOCIATION_IDS), 12),
      contentType: rarely(badContentType, 12),
      key: rarely(fc.oneof(badKey, fc.uuid()), 4),
    }),
  )
  .map(({ associationId, report, mutations, otherRoute, contentType, key }) => {
    const body = structuredClone(report);
    for (const m of mutations) if ('change' in m) m.change(body);
    let raw = JSON.stringify(body);
    for (const m of mutations) if ('raw' in m) raw = m.raw(raw);
    const kinds = mutations.map((m) => m.kind);
    if (otherRoute !== null && otherRoute !== associationId) kinds.push('other-route');
    if (contentType !== null) kinds.push('content-type');
    if (key !== null) kinds.push('idempotency-key');
    return {
      route: otherRoute ?? associationId,
      contentType: contentType === null ? 'application/json' : contentType,
      body: raw,
      ...(key !== null ? { idempotencyKey: key } : {}),
      kinds: kinds.length ? kinds : ['valid'],
    };
  });

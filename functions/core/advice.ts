/**
 * What a reporter is told the moment a report is received (002 §6, 003, 004 §7.4.3, §7.5.1–7.5.2).
 * Built only from the association's config and a few yes/no facts of the report, so it can never
 * repeat what the reporter told us: someone else may be looking at the screen.
 */
import type { AssociationConfig, Service, ServiceKind } from './association.js';
import { describeClock } from './clock-schema.js';

/** A service the reporter can call or visit. */
export interface AdviceService {
  name: string;
  phone?: string;
  url?: string;
  hours?: string;
}

/** The advice shown (and returned by the API) after a report. Fixed wording plus config only. */
export interface Advice {
  /** 'case': a case is opened; 'signposted': the person does not live in the association's homes (004 §7.5.2). */
  outcome: 'case' | 'signposted';
  /** Present when the report says someone is in immediate danger: 999 first, and the Silent Solution. */
  emergency?: { headline: string; steps: string[] };
  /** What happens next, in plain words (the association's initial-contact clock where it sets one). */
  whatHappensNext: string[];
  /** Helplines and local specialist services to contact now. */
  helplines: AdviceService[];
  /** Non-residents: who to report to instead (local authority, police, local specialist agencies). */
  signposting?: AdviceService[];
  /** Always: if anyone is in danger at any time, call 999. */
  ifInDanger: string;
}

/** The few report facts advice may depend on. None of them is repeated back in words. */
export interface AdviceFacts {
  immediateDanger: boolean;
  /** False only when the report says the person does not live in one of the association's homes. */
  resident: boolean;
  /** The area the reporter picked, used only to choose which services to list. */
  area?: string;
}

const EMERGENCY = {
  headline: 'If you or anyone else is in danger now, call 999.',
  steps: [
    'Call 999 and ask for the police.',
    'If you cannot speak, stay on the line: on a mobile, press 55 when asked (the Silent Solution) and the call will be put through to the police.',
    'On a landline, stay on the line even if you cannot speak; the call may be connected to the police.',
  ],
};

const IF_IN_DANGER =
  'If you or anyone else is ever in immediate danger, call 999. If you cannot speak, press 55 on a mobile when asked.';

const HELPLINE_KINDS: readonly ServiceKind[] = ['helpline', 'domestic-abuse-service'];
const SIGNPOST_KINDS: readonly ServiceKind[] = [
  'local-authority',
  'police',
  'domestic-abuse-service',
  'idva',
  'housing-options',
  'victim-support',
];

const toAdvice = (s: Service): AdviceService => ({
  name: s.name,
  ...(s.phone ? { phone: s.phone } : {}),
  ...(s.url ? { url: s.url } : {}),
  ...(s.hours ? { hours: s.hours } : {}),
});

const ofKinds = (services: readonly Service[], kinds: readonly ServiceKind[]) =>
  services.filter((s) => s.kinds.some((k) => kinds.includes(k)));

function unique(list: AdviceService[]): AdviceService[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    if (seen.has(s.name)) return false;
    seen.add(s.name);
    return true;
  });
}

/** The area's services, or every area's when the reporter did not pick one we know. */
function localServices(config: AssociationConfig, area: string | undefined): Service[] {
  const known = area ? config.areas.find((a) => a.id === area) : undefined;
  return known ? known.services : config.areas.flatMap((a) => a.services);
}

/** Advice for a report just received: emergency steps, helplines, what happens next, signposting. */
export function adviceFor(config: AssociationConfig, facts: AdviceFacts): Advice {
  const local = localServices(config, facts.area);
  const helplines = unique(
    [...ofKinds(config.nationalServices, ['helpline']), ...ofKinds(local, HELPLINE_KINDS)].map(toAdvice),
  );
  const contactUs = config.contact.phone ? ` You can also call ${config.name} on ${config.contact.phone}.` : '';
  const base = {
    ...(facts.immediateDanger ? { emergency: { headline: EMERGENCY.headline, steps: [...EMERGENCY.steps] } } : {}),
    helplines,
    ifInDanger: IF_IN_DANGER,
  };

  if (!facts.resident) {
    const signposting = unique(ofKinds(local, SIGNPOST_KINDS).map(toAdvice));
    return {
      outcome: 'signposted',
      ...base,
      whatHappensNext: [
        `Thank you for telling us. ${config.name} can only open a case for people who live in its homes, so we will not open one here.`,
        'You can report domestic abuse to the local council (local authority), to the police on 101, or to a local specialist domestic abuse service. The services below can help.',
        `The national helplines below are free and confidential.${contactUs}`,
      ],
      signposting,
    };
  }

  const clock = config.clocks.initialContact;
  const when = clock
    ? `Someone from ${config.name} will try to contact you within ${describeClock(clock)}, only in the way you told us is safe.`
    : `Someone from ${config.name} will try to contact you as soon as possible, only in the way you told us is safe.`;
  return {
    outcome: 'case',
    ...base,
    whatHappensNext: [
      'Thank you for telling us. We have received your report and will treat it in confidence.',
      when,
      `You do not have to wait for us: the helplines below are free and confidential.${contactUs}`,
    ],
  };
}

/** Whom a reporter can call while they wait: config only, each with a phone number. */
export interface MeanwhileContacts {
  /** The association itself, where its config gives a number. */
  association?: AdviceService;
  /** The national domestic abuse helpline (kind `helpline`). */
  helpline?: AdviceService;
  /** A line for men (kind `male-victims`; never a line that is also for perpetrators). */
  men?: AdviceService;
  /** A line for LGBT+ victims (kind `lgbt`). */
  lgbt?: AdviceService;
}

/** The national services to call meanwhile, the first of each kind that has a phone number. */
export function meanwhileContacts(
  config: Pick<AssociationConfig, 'name' | 'contact' | 'nationalServices'>,
): MeanwhileContacts {
  const first = (kind: ServiceKind) => {
    const s = config.nationalServices.find(
      (x) => x.phone && x.kinds.includes(kind) && !x.kinds.includes('perpetrator'),
    );
    return s && toAdvice(s);
  };
  const found: MeanwhileContacts = {
    ...(config.contact.phone ? { association: { name: config.name, phone: config.contact.phone } } : {}),
    helpline: first('helpline'),
    men: first('male-victims'),
    lgbt: first('lgbt'),
  };
  return Object.fromEntries(Object.entries(found).filter(([, v]) => v !== undefined));
}

/**
 * The DASH risk identification checklist (SafeLives: Domestic Abuse, Stalking and Honour Based
 * Violence), kept as versioned data so a scored assessment can always be traced to the questions
 * it answered (002 §6). The questions are paraphrased in plain words for the officer's screen; they
 * follow the order and subjects of the published checklist but are not its wording.
 */

/** Questions that make a case high risk on their own when answered yes (002 §6: "weapons, strangulation, stalking, threats to kill"). */
export const DASH_INDICATORS = ['weapons', 'strangulation', 'stalking', 'threats-to-kill'] as const;
export type DashIndicator = (typeof DASH_INDICATORS)[number];

/** The words a result uses for each indicator, e.g. in "yes to strangulation". */
export const DASH_INDICATOR_LABELS: Record<DashIndicator, string> = {
  weapons: 'weapons or objects used to hurt',
  strangulation: 'strangulation',
  stalking: 'stalking',
  'threats-to-kill': 'threats to kill',
};

/** One checklist question. */
export interface DashQuestion {
  /** 'q01' … 'q24'. Stable across versions that keep the question. */
  id: string;
  /** Plain-words paraphrase, addressed to the victim ("they" is the person causing harm). */
  text: string;
  /** A short, non-identifying subject, safe to show in summaries. */
  topic: string;
  /** Present when a yes to this question alone makes the case high risk. */
  indicator?: DashIndicator;
}

/** A versioned checklist: its questions, in order, and its high-risk threshold. */
export interface DashChecklist {
  version: string;
  title: string;
  /** A score (count of yes answers) at or above this is high risk (002 §6: "14+"). */
  highRiskThreshold: number;
  questions: readonly DashQuestion[];
}

const DASH_2009: DashChecklist = {
  version: 'dash-2009',
  title: 'DASH risk identification checklist (SafeLives, 2009)',
  highRiskThreshold: 14,
  questions: [
    { id: 'q01', topic: 'injury', text: 'Were you hurt in what happened this time?' },
    { id: 'q02', topic: 'fear', text: 'Are you very scared right now?' },
    {
      id: 'q03',
      topic: 'fear of further harm',
      text: 'Are you afraid of what they might do next, such as hurting you again or someone else?',
    },
    { id: 'q04', topic: 'isolation', text: 'Do you feel cut off from family or friends, or kept away from them?' },
    {
      id: 'q05',
      topic: 'low mood or thoughts of suicide',
      text: 'Are you feeling very low, or having thoughts of ending your life?',
    },
    { id: 'q06', topic: 'separation', text: 'In the last year, have you left them or tried to leave them?' },
    { id: 'q07', topic: 'child contact', text: 'Are there arguments or disputes about contact with the children?' },
    {
      id: 'q08',
      topic: 'stalking and harassment',
      indicator: 'stalking',
      text: 'Do they keep calling, messaging, following or watching you, or turn up where you are when you do not want them to?',
    },
    {
      id: 'q09',
      topic: 'pregnancy or new baby',
      text: 'Are you pregnant, or have you had a baby in the last year and a half?',
    },
    { id: 'q10', topic: 'more often', text: 'Is the abuse happening more often than before?' },
    { id: 'q11', topic: 'getting worse', text: 'Is the abuse becoming more serious?' },
    {
      id: 'q12',
      topic: 'control and jealousy',
      text: 'Do they try to control what you do, or act with extreme jealousy?',
    },
    {
      id: 'q13',
      topic: 'weapons or objects',
      indicator: 'weapons',
      text: 'Have they ever hurt you with a weapon or with something they picked up?',
    },
    {
      id: 'q14',
      topic: 'threats to kill',
      indicator: 'threats-to-kill',
      text: 'Have they ever said they would kill you or someone else, and you believed them?',
    },
    {
      id: 'q15',
      topic: 'strangulation, choking, suffocation or drowning',
      indicator: 'strangulation',
      text: 'Have they ever tried to strangle you, choke you, stop you breathing or hold you under water?',
    },
    {
      id: 'q16',
      topic: 'sexual abuse',
      text: 'Do they do or say sexual things that upset you or hurt you or someone else?',
    },
    {
      id: 'q17',
      topic: 'other people who threaten',
      text: 'Is there anyone else who has threatened you or who you are afraid of?',
    },
    {
      id: 'q18',
      topic: 'harm to others',
      text: 'Do you know of them hurting anyone else, such as children, relatives, a former partner or others?',
    },
    { id: 'q19', topic: 'animals', text: 'Have they ever been cruel to an animal or a pet?' },
    {
      id: 'q20',
      topic: 'money worries',
      text: 'Are there money problems, for example you rely on them for money, or they have recently lost their job?',
    },
    {
      id: 'q21',
      topic: 'drink, drugs or mental health',
      text: 'In the last year, have drink, drugs or mental health problems stopped them living an ordinary life?',
    },
    {
      id: 'q22',
      topic: 'their threats of suicide',
      text: 'Have they ever threatened or tried to take their own life?',
    },
    {
      id: 'q23',
      topic: 'broken orders or agreements',
      text: 'Have they ever broken bail, an injunction or an agreement about when they can see you or the children?',
    },
    {
      id: 'q24',
      topic: 'police or criminal history',
      text: 'Do you know whether they have been in trouble with the police or have a criminal record?',
    },
  ],
};

/** Every DASH checklist version Haven can score, by version id (association config `riskTool.version`). */
export const DASH_CHECKLISTS: Record<string, DashChecklist> = { [DASH_2009.version]: DASH_2009 };

/** The checklist for a version id, or undefined when Haven does not know that version. */
export function dashChecklist(version: string): DashChecklist | undefined {
  return Object.hasOwn(DASH_CHECKLISTS, version) ? DASH_CHECKLISTS[version] : undefined;
}

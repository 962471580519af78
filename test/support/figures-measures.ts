/**
 * The measures the figures build on the clear figures facts, by the names the console and the board's
 * CSV read: written out here, apart from production, so a measure renamed, dropped or swapped fails.
 */
export const MEASURES_NEEDING_FACTS = [
  'initialContactWithinClock',
  'dashAttempted',
  'contactAtLeastFortnightly',
  'specialistReferralOfferedWhereConsent',
  'openOverHoldingLimit',
  'maracReferrals',
  'byReporter',
  'openWithoutSafeWay',
];

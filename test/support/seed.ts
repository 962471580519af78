/** The reliability scenarios' seed: HAVEN_SEED when given (a whole number), else a fixed one, so every run repeats. */
export function reliabilitySeed(env: Record<string, string | undefined> = process.env): number {
  const given = env.HAVEN_SEED;
  if (given === undefined || given === '') return 20_261_201;
  if (!/^-?\d{1,10}$/.test(given)) throw new Error('HAVEN_SEED must be a whole number');
  return Number(given) | 0;
}

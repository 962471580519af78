/** Small English wording helpers shared by the rules that describe clocks and lateness. */

/** A count and its noun, "1 day" or "3 days" (the nouns Haven counts take a plain -s). */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

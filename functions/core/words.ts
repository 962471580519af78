/** Small English wording helpers shared by the rules that describe clocks and lateness. */

/** A count and its noun, "1 day" or "3 days" (the nouns Haven counts take a plain -s). */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * A London date and time in words, GOV.UK style: "5pm on Wednesday 2 December", "9:30am on …",
 * "midday on …". Seconds are dropped (never later than the instant); midnight is "11:59pm" on the
 * day before, so "by" a time never reads as the start of a day.
 */
export function londonTimeInWords(instant: Date): string {
  const at = new Date(Math.floor(instant.getTime() / 60_000) * 60_000);
  const london = (d: Date) => {
    const p: Record<string, string> = {};
    for (const part of londonParts.formatToParts(d)) p[part.type] = part.value;
    return { hour: Number(p.hour), minute: Number(p.minute), day: `${p.weekday} ${p.day} ${p.month}` };
  };
  const first = london(at);
  const { hour, minute, day } =
    first.hour === 0 && first.minute === 0 ? london(new Date(at.getTime() - 60_000)) : first;
  const clock =
    hour === 12 && minute === 0
      ? 'midday'
      : `${hour % 12 || 12}${minute ? `:${String(minute).padStart(2, '0')}` : ''}${hour < 12 ? 'am' : 'pm'}`;
  return `${clock} on ${day}`;
}

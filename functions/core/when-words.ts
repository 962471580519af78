/** London dates and times in GOV.UK's words: "5pm on Wednesday 2 December 2026", "midday", "9:30am". */

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The London time of day of `instant` in words: "midday", "midnight", "9am", "5:30pm". */
function timeOfDay(hour: number, minute: number): string {
  if (minute === 0 && hour === 12) return 'midday';
  if (minute === 0 && hour === 0) return 'midnight';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${h12}${minute ? `:${String(minute).padStart(2, '0')}` : ''}${hour < 12 ? 'am' : 'pm'}`;
}

/** An instant as London wall time in words: "5pm on Wednesday 2 December 2026". */
export function londonWhenInWords(instant: Date): string {
  const p: Record<string, string> = {};
  for (const part of parts.formatToParts(instant)) p[part.type] = part.value;
  return `${timeOfDay(Number(p.hour), Number(p.minute))} on ${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

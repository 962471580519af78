/**
 * The checked stand-in for `value!` in tests: returns the value, or fails the test with a message
 * naming what was missing (a `!` would only fail later, as a TypeError far from the cause).
 */
export function defined<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}

import { describe, expect, it } from 'vitest';
import { plural } from '../../functions/core/words.js';

describe('plural', () => {
  it.each([
    [1, 'day', '1 day'],
    [0, 'minute', '0 minutes'],
    [5, 'working day', '5 working days'],
  ])('%i %s reads "%s"', (n, word, expected) => {
    // Act
    const words = plural(n, word);

    // Assess
    expect(words).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { parseProbability } from '../../lib/crm/parse-probability';

describe('parseProbability', () => {
  it.each([
    ['75%', undefined, 75],
    ['75 %', undefined, 75],
    ['75\u00a0%', undefined, 75],
    ['75', undefined, 75],
    ['0%', undefined, 0],
    ['100%', undefined, 100],
    ['12,5 %', 'de-DE', 12.5],
    ['12.5%', 'en-US', 12.5],
    ['', undefined, null],
    ['-', undefined, null],
  ])('%j (hint %s) → %s', (text, hint, probability) => {
    expect(parseProbability(text, hint)).toEqual({ ok: true, probability });
  });

  it.each(['101%', '-5%', 'high', '75%%', '1,000%'])('%j is an error', (text) => {
    expect(parseProbability(text, 'en-US').ok).toBe(false);
  });
});

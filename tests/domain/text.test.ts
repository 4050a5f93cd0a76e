import { describe, expect, it } from 'vitest';
import { readTypedNumber } from '#shared/domain/text.ts';

describe('a number as a person types it', () => {
  it.each([
    ['50 000', 'sv', 50000],
    ['1 234,5', 'sv', 1234.5],
    ['12,5', 'sv', 12.5],
    ['50,000', 'sv', 50],
    ['59.274', 'sv', 59.274],
    ['50,000', 'en', 50000],
    ['1,234.5', 'en', 1234.5],
    ['12.5', 'en', 12.5],
    ['5,5', 'en', 5.5],
    ['50 000', 'en', 50000],
    ['-3', 'sv', -3],
  ] as const)('reads %j in %s as %d', (text, lang, expected) => expect(readTypedNumber(text, lang)).toBe(expected));

  it.each(['', 'ca 100', '1,2,3', '12 5OO', '5.5.5'])('refuses %j', (text) => {
    expect(readTypedNumber(text, 'sv')).toBeUndefined();
    expect(readTypedNumber(text, 'en')).toBeUndefined();
  });
});

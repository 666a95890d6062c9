import { describe, expect, it } from 'vitest';
import { personNameKey, samePersonName } from '../../../lib/domain';

describe('samePersonName (a CRM owner name against a user name)', () => {
  it.each([
    ['Dana Whitfield', 'Dana Whitfield', true],
    ['dana whitfield', 'Dana Whitfield', true],
    ['Whitfield, Dana', 'Dana Whitfield', true],
    ['José Ñúñez', 'Jose Nunez', true],
    ['Dana  Whitfield\u00a0', 'Dana Whitfield', true],
    ['Dana', 'Dana Whitfield', false],
    ['Omar Haddad', 'Dana Whitfield', false],
    ['', '', false],
    [' , ', ' , ', false],
  ])('%j and %j: %s', (a, b, same) => {
    expect(samePersonName(a, b)).toBe(same);
    expect(samePersonName(b, a)).toBe(same);
  });
});

describe('personNameKey', () => {
  it('drops accents, case, commas, spacing and word order', () => {
    expect(personNameKey('  Whitfield,\tDANA ')).toBe('dana whitfield');
    expect(personNameKey('Ñúñez, José')).toBe('jose nunez');
    expect(personNameKey('')).toBe('');
  });
});

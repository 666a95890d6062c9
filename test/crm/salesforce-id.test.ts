import { describe, expect, it } from 'vitest';
import { isSalesforceId, sameSalesforceId, toSalesforceId18 } from '../../lib/crm/salesforce-id';

describe('toSalesforceId18', () => {
  // Suffix per 5-character chunk: bit i set when character i is an upper-case letter,
  // then indexed into A…Z0…5. Worked by hand in the comments.
  it.each([
    // 001A0 → A at 3 → 8 → I; 00000 → 0 → A; 6Vm9r → V at 1 → 2 → C
    ['001A0000006Vm9r', '001A0000006Vm9rIAC'],
    // 006D0 → 8 → I; 00000 → A; Ck2xY → C at 0, Y at 4 → 17 → R
    ['006D000000Ck2xY', '006D000000Ck2xYIAR'],
    // 00000 → A; 00000 → A; 00000 → A
    ['000000000000000', '000000000000000AAA'],
    // ABCDE → 31 → 5; FGHIJ → 5; KLMNO → 5
    ['ABCDEFGHIJKLMNO', 'ABCDEFGHIJKLMNO555'],
    // abcde → A; fghij → A; klmno → A
    ['abcdefghijklmno', 'abcdefghijklmnoAAA'],
  ])('%s → %s', (id15, id18) => {
    expect(toSalesforceId18(id15)).toBe(id18);
    expect(toSalesforceId18(id18)).toBe(id18);
  });

  it('restores the case of an 18-character id lower- or upper-cased on the way', () => {
    expect(toSalesforceId18('001a0000006vm9riac')).toBe('001A0000006Vm9rIAC');
    expect(toSalesforceId18('006D000000CK2XYIAR')).toBe('006D000000Ck2xYIAR');
  });

  it('rejects a mixed-case 18-character id whose suffix does not match', () => {
    expect(toSalesforceId18('006D000000Ck2xYIAA')).toBeNull();
  });

  it.each([
    '',
    '006',
    '006D000000Ck2x',
    '006D000000Ck2xY1',
    '006D000000Ck2xY-AR',
    '006D000000Ck2xYIA9',
    '006D000000Ck2xY IAR',
  ])('rejects %j', (id) => {
    expect(toSalesforceId18(id)).toBeNull();
    expect(isSalesforceId(id)).toBe(false);
  });

  it('rejects a suffix that marks a digit as upper case', () => {
    // 0 0 0 0 0 chunk cannot have bit 0 set: B = 1
    expect(toSalesforceId18('000000000000000baa')).toBeNull();
  });
});

describe('sameSalesforceId', () => {
  it('matches 15 and 18 characters of one record', () => {
    expect(sameSalesforceId('006D000000Ck2xY', '006D000000Ck2xYIAR')).toBe(true);
    expect(sameSalesforceId('006d000000ck2xyiar', '006D000000Ck2xY')).toBe(true);
  });

  it('tells apart 15-character ids that differ only in case', () => {
    expect(sameSalesforceId('006D000000Ck2xY', '006D000000ck2xY')).toBe(false);
  });

  it('is false for invalid ids, even identical ones', () => {
    expect(sameSalesforceId('nope', 'nope')).toBe(false);
  });
});

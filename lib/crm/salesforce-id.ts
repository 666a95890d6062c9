/**
 * Salesforce record ids: 15 characters (case-sensitive) or 18 (the 15 plus a 3-character
 * suffix that encodes the case of the first 15, so the id survives case-insensitive systems).
 * For each 5-character chunk, bit i is set when character i is an upper-case letter; the
 * 5-bit value indexes `A…Z0…5`.
 */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_15 = /^[a-zA-Z0-9]{15}$/;
const ID_18 = /^[a-zA-Z0-9]{15}[a-zA-Z0-5]{3}$/;

/** The key prefix of Opportunity records. */
export const OPPORTUNITY_KEY_PREFIX = '006';

function suffixOf(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 15; chunk += 5) {
    let bits = 0;
    for (let i = 4; i >= 0; i -= 1)
      bits = bits * 2 + (/[A-Z]/.test(id15.charAt(chunk + i)) ? 1 : 0);
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/**
 * The first 15 characters with the case the (upper-cased) suffix encodes; null when the suffix
 * marks a digit as upper case (the restored id's own suffix then differs).
 */
function restoreCase(id15: string, suffix: string): string | null {
  const restored = id15.replace(/./g, (char, i: number) =>
    (SUFFIX_ALPHABET.indexOf(suffix.charAt(Math.floor(i / 5))) >> (i % 5)) & 1
      ? char.toUpperCase()
      : char.toLowerCase(),
  );
  return suffixOf(restored) === suffix ? restored : null;
}

/**
 * The canonical 18-character form, or null when `id` is not a Salesforce id.
 * An 18-character id whose first 15 characters are all one case (lower-cased or upper-cased
 * by some system on the way) gets its case back from the suffix; one in mixed case must match
 * its suffix exactly, otherwise it is corrupt and gives null.
 */
export function toSalesforceId18(id: string): string | null {
  if (typeof id !== 'string') return null;
  if (ID_15.test(id)) return id + suffixOf(id);
  if (!ID_18.test(id)) return null;
  const id15 = id.slice(0, 15);
  const suffix = id.slice(15).toUpperCase();
  if (suffixOf(id15) === suffix) return id15 + suffix;
  const mixedCase = /[a-z]/.test(id15) && /[A-Z]/.test(id15);
  const restored = mixedCase ? null : restoreCase(id15, suffix);
  return restored === null ? null : restored + suffix;
}

/** A 15-character id, or an 18-character id whose suffix checks out (see `toSalesforceId18`). */
export function isSalesforceId(id: string): boolean {
  return toSalesforceId18(id) !== null;
}

/** Whether two ids (15 or 18 characters, any mix) name the same record. */
export function sameSalesforceId(a: string, b: string): boolean {
  const left = toSalesforceId18(a);
  return left !== null && left === toSalesforceId18(b);
}

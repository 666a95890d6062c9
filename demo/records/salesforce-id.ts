/**
 * Salesforce record ids as the demo CRM issues them: 15 case-sensitive characters, or 18 with a
 * suffix that encodes the case of the first 15 (for each 5-character chunk, bit i is set when
 * character i is an upper-case letter; the 5-bit value indexes `A…Z0…5`).
 */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_15 = /^[a-zA-Z0-9]{15}$/;
const ID_18 = /^[a-zA-Z0-9]{15}[A-Z0-5]{3}$/;

function suffixOf(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const char = id15.charAt(chunk * 5 + i);
      if (char >= 'A' && char <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/** The 18-character form of a 15- or 18-character id; null when the id is not one. */
export function toId18(id: string): string | null {
  if (ID_15.test(id)) return id + suffixOf(id);
  if (ID_18.test(id) && suffixOf(id.slice(0, 15)) === id.slice(15)) return id;
  return null;
}

/** True for an 18-character id whose suffix matches its first 15 characters. */
export function isId18(id: string): boolean {
  return ID_18.test(id) && toId18(id) === id;
}

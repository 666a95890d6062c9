/**
 * A name reduced to what tells people apart: accents, case, spacing, commas and word order
 * dropped ("Whitfield, Dana" and "dana whitfield" give the same key).
 */
export function personNameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean)
    .sort()
    .join(' ');
}

/**
 * Whether two names (a CRM's owner name and an Attain user's name) are the same person's, as far
 * as names tell: case, accents, spacing and order ("Whitfield, Dana") aside. Never for an empty
 * name.
 */
export function samePersonName(a: string, b: string): boolean {
  const key = personNameKey(a);
  return key !== '' && key === personNameKey(b);
}

import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { builtInRules } from '../../../lib/domain/coaching';
import { severitySchema } from '../../../lib/domain/schemas';

const rulesDir = fileURLToPath(new URL('../../../lib/domain/coaching/rules/', import.meta.url));
const ruleFiles = readdirSync(rulesDir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -'.ts'.length))
  .sort();

describe('coaching rule conventions', () => {
  it('registers every rule module once, in rules/index.ts, with its file name as id', () => {
    expect(builtInRules.map((r) => r.id).sort()).toEqual(ruleFiles);
    expect(new Set(builtInRules.map((r) => r.id)).size).toBe(builtInRules.length);
  });

  it('has the nine rules of DOMAIN.md', () => {
    expect(ruleFiles).toEqual([
      'close-date-past',
      'close-date-pushed',
      'large-deal-few-contacts',
      'low-coverage',
      'next-tier-within-reach',
      'no-next-step',
      'no-recent-activity',
      'pace-behind',
      'stuck-in-stage',
    ]);
  });

  it.each(builtInRules.map((r) => [r.id, r] as const))(
    '%s has a name, a severity, a scope and a doc comment',
    (id, rule) => {
      expect(rule.name.length).toBeGreaterThan(0);
      expect(severitySchema.safeParse(rule.severity).success).toBe(true);
      expect(['deal', 'rep']).toContain(rule.scope);
      expect(readFileSync(`${rulesDir}${id}.ts`, 'utf8')).toMatch(
        /\/\*\*[\s\S]*?\*\/\s*export const/,
      );
    },
  );

  it('rule ids have no colon (ids are ruleId:subject)', () => {
    for (const r of builtInRules) expect(r.id).not.toContain(':');
  });
});

import { describe, it, expect } from 'vitest';
import type { CoachingKpis } from '../../../lib/domain/coaching';
import type { Kpis } from '../../../lib/domain/kpis';

/** Compile-time check (`npm run typecheck`): computeKpis's output feeds the rep rules as is. */
const asCoachingKpis = (kpis: Kpis): CoachingKpis => kpis;

describe('CoachingKpis', () => {
  it('is satisfied by the output of computeKpis', () => {
    expect(typeof asCoachingKpis).toBe('function');
  });
});

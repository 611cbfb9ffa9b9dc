import { describe, expect, it } from 'vitest';
import { defaultPriorityMatrix, priorityFor, priorityFromRank, priorityRank, resolvePriority, type PriorityMatrix } from '../../../shared/priority-matrix.js';

describe('the priority matrix', () => {
  it('maps impact × urgency to a priority, ITIL style, by default', () => {
    expect(priorityFor(defaultPriorityMatrix, 'high', 'high')).toBe('urgent');
    expect(priorityFor(defaultPriorityMatrix, 'high', 'low')).toBe('normal');
    expect(priorityFor(defaultPriorityMatrix, 'medium', 'medium')).toBe('normal');
    expect(priorityFor(defaultPriorityMatrix, 'medium', 'high')).toBe('high');
    expect(priorityFor(defaultPriorityMatrix, 'low', 'low')).toBe('low');
  });

  it('ranks urgent first and round-trips', () => {
    expect(['urgent', 'high', 'normal', 'low'].map((p) => priorityRank(p as 'low'))).toEqual([1, 2, 3, 4]);
    expect(priorityFromRank(2)).toBe('high');
    expect(() => priorityFromRank(9)).toThrow(RangeError);
  });

  it('recomputes from the matrix, keeps an override, and clears it on null', () => {
    const current = { impact: 'medium', urgency: 'medium', priority: 'normal', overridden: false } as const;
    expect(resolvePriority(defaultPriorityMatrix, current, { impact: 'high' })).toEqual({ impact: 'high', urgency: 'medium', priority: 'high', overridden: false });
    const overridden = resolvePriority(defaultPriorityMatrix, current, { priority: 'urgent' });
    expect(overridden).toEqual({ impact: 'medium', urgency: 'medium', priority: 'urgent', overridden: true });
    // Impact changes under an override leave the chosen priority alone…
    expect(resolvePriority(defaultPriorityMatrix, overridden, { impact: 'low' })).toEqual({ impact: 'low', urgency: 'medium', priority: 'urgent', overridden: true });
    // …until the override is cleared: low × medium is low.
    expect(resolvePriority(defaultPriorityMatrix, { ...overridden, impact: 'low' }, { priority: null })).toEqual({ impact: 'low', urgency: 'medium', priority: 'low', overridden: false });
  });

  it('follows an admin-edited matrix', () => {
    const strict: PriorityMatrix = {
      high: { high: 'urgent', medium: 'urgent', low: 'high' },
      medium: { high: 'high', medium: 'high', low: 'normal' },
      low: { high: 'normal', medium: 'low', low: 'low' },
    };
    expect(priorityFor(strict, 'medium', 'medium')).toBe('high');
    expect(priorityFor(strict, 'high', 'medium')).toBe('urgent');
  });
});

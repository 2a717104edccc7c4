import { describe, expect, it } from 'vitest';
import { healthTransition } from '../../../../../functions/sync/domain/healthTransitions.ts';

const check = (statuses: Record<string, 'ok' | 'degraded' | 'down' | 'unknown'>) => ({
  status: 'ok' as const,
  checkedAt: '2026-01-01T00:00:00Z',
  modules: Object.entries(statuses).map(([name, status]) => ({
    name,
    version: '1.0.0',
    critical: false,
    status,
    latencyMs: null,
    detail: null,
  })),
});

describe('healthTransition', () => {
  it('reports a dependency going down once, and coming back', () => {
    const down = healthTransition([], check({ auth: 'ok', content: 'down', core: 'down' }));
    expect(down).toEqual({ down: ['content'], wentDown: ['content'], cameBack: [] });
    expect(healthTransition(['content'], check({ content: 'down' })).wentDown).toEqual([]);
    expect(healthTransition(['content'], check({ content: 'ok' }))).toEqual({
      down: [],
      wentDown: [],
      cameBack: ['content'],
    });
  });

  it('ignores modules sync does not depend on, degraded modules, and an unknown status as no news', () => {
    expect(healthTransition([], check({ core: 'down', auth: 'degraded' })).down).toEqual([]);
    expect(healthTransition(['drive'], check({ drive: 'unknown' }))).toEqual({
      down: ['drive'],
      wentDown: [],
      cameBack: [],
    });
  });
});

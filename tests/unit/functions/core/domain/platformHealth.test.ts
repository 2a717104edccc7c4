import { describe, expect, it } from 'vitest';
import {
  assessPlatformHealth,
  freshStatus,
  type ModuleHealthView,
  newlyDownCriticalModules,
} from '../../../../../functions/core/domain/platformHealth.ts';

const now = new Date('2026-11-24T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
const view = (
  name: string,
  critical: boolean,
  status: ModuleHealthView['status'],
  checkedAt = minutesAgo(0),
) => ({
  name,
  version: '1.0.0',
  critical,
  status,
  checkedAt,
  latencyMs: 5,
  detail: null,
});
const MAX_AGE = 3 * 60_000;

describe('platform health', () => {
  it('is ok when every module is ok', () => {
    const health = assessPlatformHealth([view('core', true, 'ok'), view('drive', false, 'ok')], now, MAX_AGE);
    expect(health).toMatchObject({ status: 'ok', criticalUp: true });
  });

  it('is degraded, but up, when only a non-critical module is down', () => {
    const health = assessPlatformHealth(
      [view('core', true, 'ok'), view('drive', false, 'down')],
      now,
      MAX_AGE,
    );
    expect(health).toMatchObject({ status: 'degraded', criticalUp: true });
  });

  it('is down when a critical module is down or never checked', () => {
    expect(assessPlatformHealth([view('core', true, 'down')], now, MAX_AGE).criticalUp).toBe(false);
    expect(assessPlatformHealth([view('core', true, 'unknown', null as never)], now, MAX_AGE).status).toBe(
      'down',
    );
  });

  it('counts a stale check as unknown, so a stopped poller cannot keep the platform green', () => {
    expect(freshStatus({ status: 'ok', checkedAt: minutesAgo(2) }, now, MAX_AGE)).toBe('ok');
    expect(freshStatus({ status: 'ok', checkedAt: minutesAgo(4) }, now, MAX_AGE)).toBe('unknown');
    expect(assessPlatformHealth([view('core', true, 'ok', minutesAgo(10))], now, MAX_AGE).criticalUp).toBe(
      false,
    );
  });

  it('reports a critical module going down once, not while it stays down', () => {
    const before = new Map([
      ['core', 'ok' as const],
      ['auth', 'down' as const],
    ]);
    const after = [view('core', true, 'down'), view('auth', true, 'down'), view('drive', false, 'down')];
    expect(newlyDownCriticalModules(before, after)).toEqual(['core']);
  });
});

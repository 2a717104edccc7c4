import { describe, expect, it } from 'vitest';
import {
  HEALTH_CHECK_TIMEOUT_MS,
  HEALTH_COLD_START_ALLOWANCE_MS,
} from '../../../../../functions/core/domain/healthPolicy.ts';
import type { ProbeOutcome } from '../../../../../functions/core/domain/interpretHealthReply.ts';
import {
  type HealthPollPorts,
  pollModuleHealth,
} from '../../../../../functions/core/domain/pollModuleHealth.ts';
import type { HealthReport, ModuleEntry } from '../../../../../shared/runtime/catalog/CatalogItems.ts';

const NOW = new Date('2026-11-24T12:00:00Z');
/** A check one poll ago: what the catalog holds for a module polled while the platform runs. */
const RECENTLY = '2026-11-24T11:59:00.000Z';

const entry = (name: string, critical: boolean, status: ModuleEntry['status'] = 'ok'): ModuleEntry => ({
  name,
  version: '1.2.3',
  description: name,
  critical,
  dependencies: [],
  publishes: [],
  subscribes: [],
  routes: [],
  services: [],
  healthFunction: `${name}-health`,
  status,
  checkedAt: status === 'unknown' ? null : RECENTLY,
  latencyMs: null,
  detail: null,
});

const fakePorts = (modules: ModuleEntry[], replies: Record<string, ProbeOutcome>) => {
  const recorded: Record<string, HealthReport> = {};
  const published: { name: string; data: unknown }[] = [];
  const timeouts: Record<string, number[]> = {};
  const ports: HealthPollPorts = {
    listModules: async () => modules,
    recordHealth: async (m, r) => {
      recorded[m] = r;
    },
    probe: async (fn, timeoutMs) => {
      timeouts[fn] = [...(timeouts[fn] ?? []), timeoutMs];
      return replies[fn] ?? { kind: 'failed', error: 'no such function', latencyMs: 1 };
    },
    publishHealthCheck: async (data) => {
      published.push({ name: 'system.health_check', data });
    },
    publishEmergency: async (data) => {
      published.push({ name: 'system.emergency', data });
    },
    now: () => NOW,
  };
  return { ports, recorded, published, timeouts };
};

const poll = async (ports: HealthPollPorts) => (await pollModuleHealth(ports)).health;

describe('pollModuleHealth', () => {
  it('records each module’s health and publishes one health check', async () => {
    const { ports, recorded, published } = fakePorts([entry('core', true), entry('drive', false)], {
      'core-health': { kind: 'replied', payload: { status: 'ok' }, latencyMs: 12 },
      'drive-health': {
        kind: 'replied',
        payload: { status: 'degraded', detail: 'slow drive' },
        latencyMs: 30,
      },
    });
    const health = await poll(ports);
    expect(health.status).toBe('degraded');
    expect(recorded.core).toMatchObject({ status: 'ok', latencyMs: 12, detail: null });
    expect(recorded.drive).toMatchObject({ status: 'degraded', detail: 'slow drive' });
    expect(published).toEqual([
      { name: 'system.health_check', data: expect.objectContaining({ status: 'degraded' }) },
    ]);
  });

  it('treats a failing, odd or slow health check as down or degraded, never as a crash', async () => {
    const { ports, recorded } = fakePorts([entry('a', false), entry('b', false), entry('c', false)], {
      'a-health': { kind: 'failed', error: 'Task timed out after 3 seconds', latencyMs: 3000 },
      'b-health': { kind: 'replied', payload: 'hello', latencyMs: 3 },
      'c-health': { kind: 'replied', payload: { status: 'ok' }, latencyMs: 2500 },
    });
    await poll(ports);
    // c was slow twice: the second, warm call confirms it is degraded.
    expect(recorded.a).toMatchObject({ status: 'down', detail: 'Task timed out after 3 seconds' });
    expect(recorded.b).toMatchObject({ status: 'down', detail: 'health check returned an unexpected reply' });
    expect(recorded.c).toMatchObject({ status: 'degraded', detail: 'health check took 2500 ms' });
  });

  it('declares an emergency when a critical module goes down', async () => {
    const { ports, published } = fakePorts([entry('core', true), entry('auth', true, 'ok')], {
      'core-health': { kind: 'replied', payload: { status: 'ok' }, latencyMs: 1 },
      'auth-health': { kind: 'replied', payload: { status: 'down', detail: 'no keys' }, latencyMs: 1 },
    });
    const health = await poll(ports);
    expect(health.criticalUp).toBe(false);
    expect(published[1]).toEqual({
      name: 'system.emergency',
      data: {
        reason: 'Critical module down: auth',
        affectedModules: ['auth'],
        declaredAt: '2026-11-24T12:00:00.000Z',
      },
    });
  });

  it('does not declare it again while the module stays down', async () => {
    const { ports, published } = fakePorts([entry('auth', true, 'down')], {
      'auth-health': { kind: 'replied', payload: { status: 'down' }, latencyMs: 1 },
    });
    await poll(ports);
    expect(published.map((p) => p.name)).toEqual(['system.health_check']);
  });

  it('asks a slow module once more, so a cold start alone does not make it degraded', async () => {
    const replies: ProbeOutcome[] = [
      { kind: 'replied', payload: { status: 'ok' }, latencyMs: 1800 },
      { kind: 'replied', payload: { status: 'ok' }, latencyMs: 20 },
    ];
    const { ports, recorded } = fakePorts([entry('drive', false)], {});
    let calls = 0;
    ports.probe = async () => replies[calls++] ?? { kind: 'failed', error: 'too many probes', latencyMs: 1 };
    await poll(ports);
    expect(calls).toBe(2);
    expect(recorded.drive).toMatchObject({ status: 'ok', latencyMs: 20 });
  });
});

describe('pollModuleHealth at start-up (a module with no recent check: just started, or not polled lately)', () => {
  it('gives every first call the cold-start allowance, and the warm confirmation only the usual timeout', async () => {
    const { ports, timeouts } = fakePorts([entry('auth', true, 'unknown'), entry('core', true)], {
      'auth-health': { kind: 'replied', payload: { status: 'ok' }, latencyMs: 5 },
      'core-health': { kind: 'replied', payload: { status: 'ok' }, latencyMs: 2_500 },
    });
    await poll(ports);
    const cold = HEALTH_CHECK_TIMEOUT_MS + HEALTH_COLD_START_ALLOWANCE_MS;
    expect(timeouts['auth-health']).toEqual([cold]);
    // A module checked a minute ago may still meet a cold container (the platform restarted).
    expect(timeouts['core-health']).toEqual([cold, HEALTH_CHECK_TIMEOUT_MS]);
  });

  it('records a cold start that answered within the allowance as ok, once a warm check confirms it', async () => {
    const replies: ProbeOutcome[] = [
      { kind: 'replied', payload: { status: 'ok' }, latencyMs: 6_500 },
      { kind: 'replied', payload: { status: 'ok' }, latencyMs: 15 },
    ];
    const { ports, recorded, published } = fakePorts([entry('auth', true, 'unknown')], {});
    let calls = 0;
    ports.probe = async () => replies[calls++] ?? { kind: 'failed', error: 'too many probes', latencyMs: 1 };
    const health = await poll(ports);
    expect(recorded.auth).toMatchObject({ status: 'ok' });
    expect(health.criticalUp).toBe(true);
    expect(published.map((p) => p.name)).toEqual(['system.health_check']);
  });

  it('declares nothing for a module that fails its start-up check: unknown until the next poll confirms it', async () => {
    const starting = fakePorts([entry('auth', true, 'unknown')], {
      'auth-health': { kind: 'failed', error: 'health check timed out after 13000 ms', latencyMs: 13_000 },
    });
    await poll(starting.ports);
    expect(starting.recorded.auth).toMatchObject({
      status: 'unknown',
      detail: expect.stringContaining('health check timed out after 13000 ms'),
    });
    expect(starting.published.map((p) => p.name)).toEqual(['system.health_check']);

    // One poll later the catalog holds that fresh 'unknown': the failure is now confirmed.
    const confirmed = fakePorts([{ ...entry('auth', true, 'unknown'), checkedAt: RECENTLY }], {
      'auth-health': { kind: 'failed', error: 'health check timed out after 3000 ms', latencyMs: 3_000 },
    });
    await poll(confirmed.ports);
    expect(confirmed.recorded.auth).toMatchObject({ status: 'down' });
    expect(confirmed.published.map((p) => p.name)).toEqual(['system.health_check', 'system.emergency']);
  });
});

describe('pollModuleHealth when the service catalog cannot be read (its database is down)', () => {
  const unreachable = () => {
    const { ports, published } = fakePorts([], {});
    ports.listModules = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
    };
    return { ports, published };
  };

  it('reports the platform down and declares an emergency for core, once per outage', async () => {
    const first = unreachable();
    const { health, memory } = await pollModuleHealth(first.ports);
    expect(health).toMatchObject({ status: 'down', criticalUp: false });
    expect(first.published).toEqual([
      { name: 'system.health_check', data: { status: 'down', checkedAt: NOW.toISOString(), modules: [] } },
      {
        name: 'system.emergency',
        data: {
          reason: expect.stringContaining('The service catalog cannot be read'),
          affectedModules: ['core'],
          declaredAt: NOW.toISOString(),
        },
      },
    ]);

    const again = unreachable();
    const next = await pollModuleHealth(again.ports, memory);
    expect(again.published.map((p) => p.name)).toEqual(['system.health_check']);

    // Readable again: the next outage is declared anew.
    const back = fakePorts([entry('core', true)], {
      'core-health': { kind: 'replied', payload: { status: 'ok' }, latencyMs: 1 },
    });
    const recovered = await pollModuleHealth(back.ports, next.memory);
    const later = unreachable();
    await pollModuleHealth(later.ports, recovered.memory);
    expect(later.published.map((p) => p.name)).toEqual(['system.health_check', 'system.emergency']);
  });

  it('takes a catalog that fails while recording as unreachable too', async () => {
    const { ports, published } = fakePorts([entry('core', true)], {
      'core-health': { kind: 'replied', payload: { status: 'ok' }, latencyMs: 1 },
    });
    ports.recordHealth = async () => {
      throw new Error('socket hang up');
    };
    const { health } = await pollModuleHealth(ports);
    expect(health.status).toBe('down');
    expect(published.map((p) => p.name)).toEqual(['system.health_check', 'system.emergency']);
  });
});

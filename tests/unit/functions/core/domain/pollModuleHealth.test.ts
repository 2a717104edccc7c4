import { describe, expect, it } from 'vitest';
import type { ProbeOutcome } from '../../../../../functions/core/domain/interpretHealthReply.ts';
import {
  type HealthPollPorts,
  pollModuleHealth,
} from '../../../../../functions/core/domain/pollModuleHealth.ts';
import type { HealthReport, ModuleEntry } from '../../../../../shared/runtime/catalog/CatalogItems.ts';

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
  checkedAt: null,
  latencyMs: null,
  detail: null,
});

const fakePorts = (modules: ModuleEntry[], replies: Record<string, ProbeOutcome>) => {
  const recorded: Record<string, HealthReport> = {};
  const published: { name: string; data: unknown }[] = [];
  const ports: HealthPollPorts = {
    listModules: async () => modules,
    recordHealth: async (m, r) => {
      recorded[m] = r;
    },
    probe: async (fn) => replies[fn] ?? { kind: 'failed', error: 'no such function', latencyMs: 1 },
    publishHealthCheck: async (data) => {
      published.push({ name: 'system.health_check', data });
    },
    publishEmergency: async (data) => {
      published.push({ name: 'system.emergency', data });
    },
    now: () => new Date('2026-11-24T12:00:00Z'),
  };
  return { ports, recorded, published };
};

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
    const health = await pollModuleHealth(ports);
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
    await pollModuleHealth(ports);
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
    const health = await pollModuleHealth(ports);
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
    await pollModuleHealth(ports);
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
    await pollModuleHealth(ports);
    expect(calls).toBe(2);
    expect(recorded.drive).toMatchObject({ status: 'ok', latencyMs: 20 });
  });
});

import '../../../../helpers/quietPowertools.ts';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { HEALTH_ROUTE_CACHE_MS } from '../../../../../functions/core/domain/healthPolicy.ts';
import type { ModuleHealthView } from '../../../../../functions/core/domain/platformHealth.ts';
import { createHealthHandler } from '../../../../../functions/core/handlers/getHealth.ts';
import { httpEvent } from '../../../../helpers/httpEvents.ts';

const context = { awsRequestId: 'req-1', functionName: 'core-getHealth' } as Context;
const request = () => httpEvent({ method: 'GET', path: '/api/system/health' });
const start = new Date('2026-11-24T12:00:00.000Z');

const module = (status: ModuleHealthView['status'], checkedAt: Date): ModuleHealthView => ({
  name: 'core',
  version: '1.0.0',
  critical: true,
  status,
  checkedAt: checkedAt.toISOString(),
  latencyMs: 4,
  detail: null,
});

/** A catalog that counts its reads and answers what the test last put in it. */
const fakeCatalog = (initial: ModuleHealthView[]) => {
  let modules = initial;
  let reads = 0;
  return {
    listModules: async () => {
      reads += 1;
      return modules;
    },
    set: (next: ModuleHealthView[]) => {
      modules = next;
    },
    reads: () => reads,
  };
};

describe('GET /api/system/health', () => {
  it('reads the catalog once for two requests within the cache window, and again after it', async () => {
    let clock = start;
    const catalog = fakeCatalog([module('ok', start)]);
    const handler = createHealthHandler({ listModules: catalog.listModules, now: () => clock });

    expect((await handler(request(), context)).statusCode).toBe(200);
    catalog.set([module('down', start)]);
    clock = new Date(start.getTime() + HEALTH_ROUTE_CACHE_MS - 1);
    expect((await handler(request(), context)).statusCode).toBe(200);
    expect(catalog.reads()).toBe(1);

    clock = new Date(start.getTime() + HEALTH_ROUTE_CACHE_MS);
    const after = await handler(request(), context);
    expect(catalog.reads()).toBe(2);
    expect(after.statusCode).toBe(503);
    expect(JSON.parse(after.body ?? '{}')).toMatchObject({
      status: 'down',
      modules: [{ name: 'core', status: 'down' }],
    });
  });

  it('judges freshness at each request, also from a cached read', async () => {
    let clock = start;
    const catalog = fakeCatalog([module('ok', new Date(start.getTime() - 3 * 60_000))]);
    const handler = createHealthHandler({ listModules: catalog.listModules, now: () => clock });
    expect((await handler(request(), context)).statusCode).toBe(200);
    clock = new Date(start.getTime() + 1);
    const stale = await handler(request(), context);
    expect(catalog.reads()).toBe(1);
    expect(stale.statusCode).toBe(503);
    expect(JSON.parse(stale.body ?? '{}').modules[0].status).toBe('unknown');
  });
});

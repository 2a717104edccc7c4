import { afterAll, describe, expect, it } from 'vitest';
import { FunctionRunner } from '../../../../../infra/local/functions/FunctionRunner.ts';
import { repositoryRoot } from '../../../../../shared/platformModel/loadPlatformModel.ts';
import { DEFAULT_ROUTE_THROTTLE } from '../../../../../shared/platformModel/modelConstants.ts';
import type { FunctionModel, PlatformModel } from '../../../../../shared/platformModel/PlatformModel.ts';

const fn = (exportName: string, timeoutSeconds = 10): FunctionModel => ({
  id: `runner-${exportName}`,
  module: 'runner',
  handler: `handlers/handlers.${exportName}`,
  entry: 'tests/fixtures/modules-local/runner/handlers.ts',
  exportName,
  roles: ['route'],
  memoryMb: 256,
  timeoutSeconds,
  tables: ['runner-things'],
});

const model: PlatformModel = {
  modules: [],
  events: [],
  rules: [],
  routes: [],
  webSocketRoutes: [],
  services: [],
  schedules: [],
  metrics: [],
  alarms: [],
  throttling: { default: DEFAULT_ROUTE_THROTTLE, routes: [] },
  authorizer: null,
  tables: [
    {
      id: 'runner-things',
      module: 'runner',
      name: 'things',
      envVar: 'SOLEIL_TABLE_THINGS',
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: null,
      indexes: [],
      ttlAttribute: null,
      implicit: false,
      localOnly: false,
    },
  ],
  functions: [
    fn('echo'),
    fn('sleep'),
    fn('fail'),
    fn('spin', 1),
    fn('missing'),
    fn('exit'),
    // Same handler, its own pool: the concurrency test starts from no containers.
    { ...fn('sleep'), id: 'runner-queued' },
  ],
};

const runner = new FunctionRunner({
  model,
  endpoints: { dynamodb: 'http://127.0.0.1:1', aws: 'http://127.0.0.1:2' },
  baseDir: repositoryRoot(),
  output: 'silent',
  maxConcurrency: 2,
  extraEnv: { SOLEIL_TEST_EXTRA: 'yes' },
});

afterAll(() => runner.stop());

describe('FunctionRunner', () => {
  it('runs a TypeScript handler in its own environment with a Lambda-like context', async () => {
    const result = await runner.invoke('runner-echo', { hello: 'band' });
    expect(result.ok).toBe(true);
    const body = (result as { result: Record<string, unknown> }).result;
    expect(body.event).toEqual({ hello: 'band' });
    expect(body.functionName).toBe('runner-echo');
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    // From the function's 10 s timeout (generous lower bound: a busy machine may be slow to get here).
    expect(body.remainingMs).toBeLessThanOrEqual(10_000);
    expect(body.remainingMs).toBeGreaterThan(5_000);
    expect(body.env).toEqual({
      module: 'runner',
      table: 'soleil-runner-things',
      region: 'eu-west-1',
      eventBridge: 'http://127.0.0.1:2',
      extra: 'yes',
    });
    // The parent's environment does not leak in.
    expect(process.env.SOLEIL_TABLE_THINGS).toBeUndefined();
  });

  it('hands the handler its event as Lambda does, as JSON, and refuses one that is not', async () => {
    const result = await runner.invoke('runner-echo', { chart: 'Misty_Bb.pdf', gone: undefined });
    expect((result as { result: { eventKeys: string[] } }).result.eventKeys).toEqual(['chart']);
    expect(await runner.invoke('runner-echo', { size: 10n })).toEqual({
      ok: false,
      errorType: 'InvalidRequestContentException',
      errorMessage: expect.stringContaining('JSON'),
    });
    // The container was not touched: it runs the next invocation.
    expect((await runner.invoke('runner-echo', {})).ok).toBe(true);
  });

  it('reuses the warm container between invocations', async () => {
    const first = await runner.invoke('runner-echo', {});
    const second = await runner.invoke('runner-echo', {});
    const count = (r: typeof first) => (r as { result: { invocations: number } }).result.invocations;
    expect(count(second)).toBe(count(first) + 1);
    expect(runner.containerCount('runner-echo')).toBe(1);
  });

  it("returns a handler's error as errorType/errorMessage", async () => {
    expect(await runner.invoke('runner-fail', {})).toEqual({
      ok: false,
      errorType: 'GuitarOutOfTuneError',
      errorMessage: 'the low E is flat',
    });
  });

  it('reports a missing export and an unknown function', async () => {
    expect(await runner.invoke('runner-missing', {})).toMatchObject({
      ok: false,
      errorType: 'Runtime.HandlerNotFound',
    });
    expect(await runner.invoke('nobody', {})).toMatchObject({
      ok: false,
      errorType: 'ResourceNotFoundException',
    });
  });

  it('ends a stuck invocation with a Lambda timeout and starts a fresh container next time', async () => {
    // The handler never yields, so only the model's 1 s timeout can produce this answer (the test's own
    // timeout would fail the test instead).
    expect(await runner.invoke('runner-spin', {})).toEqual({
      ok: false,
      errorType: 'Sandbox.Timedout',
      errorMessage: 'Task timed out after 1.00 seconds',
    });
    expect(runner.containerCount('runner-spin')).toBe(0);
    // A minute-long sleep cannot answer first: the 300 ms override must end it.
    const sleepy = await runner.invoke('runner-sleep', { ms: 60_000 }, { timeoutMs: 300 });
    expect(sleepy).toMatchObject({ ok: false, errorMessage: 'Task timed out after 0.30 seconds' });
    const after = await runner.invoke('runner-sleep', { ms: 1 });
    expect(after).toEqual({ ok: true, result: { slept: 1, invocations: 1 } });
  });

  it('reports a runtime that exits as Runtime.ExitError and recovers with a fresh container', async () => {
    expect(await runner.invoke('runner-exit', {})).toEqual({
      ok: false,
      errorType: 'Runtime.ExitError',
      errorMessage: 'Runtime exited with status 3',
    });
    expect(runner.containerCount('runner-exit')).toBe(0);
    expect(await runner.invoke('runner-exit', {})).toMatchObject({
      ok: false,
      errorType: 'Runtime.ExitError',
    });
  });

  it('runs at most maxConcurrency containers and queues the rest', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => runner.invoke('runner-queued', { ms: 100 })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(runner.containerCount('runner-queued')).toBe(2);
    // Each container counts its own invocations: two cold starts, and the two queued calls ran on them
    // afterwards instead of in containers of their own.
    const counts = results.map((r) => (r as { result: { invocations: number } }).result.invocations);
    expect(counts.filter((n) => n === 1)).toHaveLength(2);
    expect(counts.filter((n) => n > 1)).toHaveLength(2);
  });
});

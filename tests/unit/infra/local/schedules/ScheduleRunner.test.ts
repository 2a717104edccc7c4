import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScheduleRunner } from '../../../../../infra/local/schedules/ScheduleRunner.ts';
import type { InvokeFunction } from '../../../../../infra/local/shared/InvocationResult.ts';
import type { ScheduleModel } from '../../../../../shared/platformModel/PlatformModel.ts';

const schedule: ScheduleModel = {
  id: 'core-pollHealth',
  module: 'core',
  scheduleId: 'pollHealth',
  rateMinutes: 1,
  description: 'test',
  functionId: 'core-pollHealth',
};

let runner: ScheduleRunner | undefined;
// The runner's clock is setInterval: fake it, so a tick happens exactly when the test moves time.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  runner?.stop();
  vi.useRealTimers();
});

describe('ScheduleRunner', () => {
  it('invokes each schedule on its (scaled) rate with a scheduled-event shape', async () => {
    const calls: { functionId: string; event: Record<string, unknown> }[] = [];
    const invoke: InvokeFunction = async (functionId, event) => {
      calls.push({ functionId, event: event as Record<string, unknown> });
      return { ok: true, result: null };
    };
    // One minute lasts 20 ms.
    runner = new ScheduleRunner({
      schedules: [schedule],
      invoke,
      region: 'eu-west-1',
      timeScale: 20 / 60_000,
    });
    runner.start();
    await vi.advanceTimersByTimeAsync(19);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(40);
    expect(calls).toHaveLength(3);
    runner.stop();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(3);
    expect(calls[0]).toMatchObject({
      functionId: 'core-pollHealth',
      event: {
        version: '0',
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        region: 'eu-west-1',
        detail: {},
        resources: [expect.stringContaining('core-pollHealth')],
      },
    });
  });

  it('reports a failed run and refuses an unknown schedule', async () => {
    const failures: string[] = [];
    runner = new ScheduleRunner({
      schedules: [schedule],
      invoke: async () => ({ ok: false, errorType: 'Boom', errorMessage: 'down' }),
      region: 'eu-west-1',
      onFailure: (id, type) => failures.push(`${id} ${type}`),
    });
    await runner.trigger('core-pollHealth');
    expect(failures).toEqual(['core-pollHealth Boom']);
    await expect(runner.trigger('nope')).rejects.toThrow(/No schedule "nope"/);
  });
});

describe('ScheduleRunner.start({ runNow })', () => {
  it('runs every schedule once at start', async () => {
    const calls: string[] = [];
    runner = new ScheduleRunner({
      schedules: [schedule],
      invoke: async (functionId) => {
        calls.push(functionId);
        return { ok: true, result: null };
      },
      region: 'eu-west-1',
    });
    runner.start({ runNow: true });
    // No time passes: the run comes from start itself, not from the first minute's tick.
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['core-pollHealth']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual(['core-pollHealth', 'core-pollHealth']);
  });
});

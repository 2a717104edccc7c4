import { afterEach, describe, expect, it } from 'vitest';
import type { InvokeFunction } from '../../../../infra/local/functions/InvocationResult.ts';
import { ScheduleRunner } from '../../../../infra/local/schedules/ScheduleRunner.ts';
import type { ScheduleModel } from '../../../../shared/platformModel/PlatformModel.ts';

const schedule: ScheduleModel = {
  id: 'core-pollHealth',
  module: 'core',
  scheduleId: 'pollHealth',
  rateMinutes: 1,
  description: 'test',
  functionId: 'core-pollHealth',
};

let runner: ScheduleRunner | undefined;
afterEach(() => runner?.stop());

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
    await new Promise((resolve) => setTimeout(resolve, 110));
    runner.stop();
    expect(calls.length).toBeGreaterThanOrEqual(3);
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
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toEqual(['core-pollHealth']);
  });
});

import '../../../../helpers/quietPowertools.ts';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it } from 'vitest';
import {
  createPublisher,
  currentCorrelationId,
  SCHEDULE_FAILURES_METRIC,
  scheduleHandler,
} from '../../../../../shared/runtime/index.ts';

/** A logger and metrics that record, in order, what the kit did with them. */
const recorder = () => {
  const calls: string[] = [];
  const stored: string[] = [];
  const logger = {
    resetKeys: () => calls.push('resetKeys'),
    addContext: () => calls.push('addContext'),
    appendKeys: (keys: Record<string, unknown>) => calls.push(`appendKeys ${JSON.stringify(keys)}`),
    info: (message: string) => calls.push(`info ${message}`),
    error: (message: string) => calls.push(`error ${message}`),
  } as unknown as Logger;
  const metrics = {
    addMetric: (name: string) => stored.push(name),
    hasStoredMetrics: () => stored.length > 0,
    publishStoredMetrics: () => calls.push(`flush ${stored.splice(0).join(',')}`),
  } as unknown as Metrics;
  return { calls, logger, metrics };
};

const tick = { id: 'tick-1', 'detail-type': 'Scheduled Event' as const, source: 'aws.events' };

describe('scheduleHandler', () => {
  it("runs the job with the event's id as correlation id on the logger and the invocation", async () => {
    const { calls, logger, metrics } = recorder();
    const seen: (string | undefined)[] = [];
    const handler = scheduleHandler(
      async ({ correlationId, metrics: m }) => {
        seen.push(correlationId, currentCorrelationId());
        m.addMetric('Swept', 'Count', 3);
        return { swept: 3 };
      },
      { module: 'drive', logger, metrics },
    );
    expect(await handler(tick)).toEqual({ swept: 3 });
    expect(seen).toEqual(['tick-1', 'tick-1']);
    expect(calls).toContain('appendKeys {"correlationId":"tick-1"}');
    expect(calls).toContain('flush Swept');
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('logs and counts a failed run, flushes the count, and rethrows so Lambda retries it', async () => {
    const { calls, logger, metrics } = recorder();
    const broken = new Error('table missing');
    const handler = scheduleHandler(
      async () => {
        throw broken;
      },
      { module: 'drive', logger, metrics },
    );
    await expect(handler(tick)).rejects.toBe(broken);
    expect(calls).toContain('error scheduled run failed');
    expect(calls).toContain(`flush ${SCHEDULE_FAILURES_METRIC}`);
    expect(calls.indexOf('error scheduled run failed')).toBeLessThan(
      calls.indexOf(`flush ${SCHEDULE_FAILURES_METRIC}`),
    );
  });

  it('gives a hand-made invocation without an id a correlation id of its own', async () => {
    const { logger, metrics } = recorder();
    const ids: string[] = [];
    const handler = scheduleHandler(async ({ correlationId }) => ids.push(correlationId), {
      logger,
      metrics,
    });
    await handler({});
    await handler({});
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).not.toBe(ids[0]);
  });

  it('is what a publisher inside the job continues the chain from', async () => {
    const { logger, metrics } = recorder();
    const sent: string[] = [];
    const publisher = createPublisher({
      module: 'core',
      busName: 'bus',
      client: {
        send: async (command: { input: { Entries: { Detail: string }[] } }) => {
          sent.push(...command.input.Entries.map((e) => JSON.parse(e.Detail).metadata.correlationId));
          return { Entries: command.input.Entries.map(() => ({ EventId: 'x' })) };
        },
      } as never,
    });
    const handler = scheduleHandler(
      async () => {
        await publisher.publish('system.warning', {
          module: 'core',
          code: 'disk',
          message: 'disk almost full',
          correlationId: null,
        });
      },
      { module: 'core', logger, metrics },
    );
    await handler(tick);
    expect(sent).toEqual(['tick-1']);
  });
});

import '../../../../helpers/quietPowertools.ts';
import { CachePersistenceLayer } from '@aws-lambda-powertools/idempotency/cache';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_DRIFT_CODE } from '../../../../../functions/core/domain/driftWarning.ts';
import { createDriftWarningHandler } from '../../../../../functions/core/handlers/onCatalogueReconciled.ts';
import { systemWarning } from '../../../../../shared/contracts/events/systemEvents.ts';
import { publishableDetail } from '../../../../../shared/runtime/events/publishableDetail.ts';
import type { EventToPublish, Publisher } from '../../../../../shared/runtime/index.ts';
import { eventBridgeEvent } from '../../../../helpers/eventFixtures.ts';
import { lambdaContext } from '../../../../helpers/httpEvents.ts';

/** An idempotency store in memory (the cache layer over a map), so the kit's once-per-event runs as deployed. */
const memoryIdempotency = () => {
  const entries = new Map<string, string>();
  return new CachePersistenceLayer({
    client: {
      get: async (key: string) => entries.get(key) ?? null,
      set: async (key: string, value: string, options?: { NX?: boolean }) => {
        if (options?.NX && entries.has(key)) return null;
        entries.set(key, value);
        return 'OK';
      },
      del: async (keys: string[]) => {
        for (const key of keys) entries.delete(key);
        return keys.length;
      },
    } as never,
  });
};

const published: EventToPublish[] = [];
const publisher: Publisher = {
  publish: async (name, data, options) => {
    published.push({ name, data, options } as EventToPublish);
    return crypto.randomUUID();
  },
  publishAll: async (events) => {
    published.push(...events);
    return events.map(() => crypto.randomUUID());
  },
};

beforeAll(() => {
  process.env.SOLEIL_MODULE = 'core';
});

const reconciled = (eventId: string) =>
  eventBridgeEvent({
    name: 'content.catalogue_reconciled',
    source: 'soleil.content',
    data: { bandId: 'band-1', trigger: 'schedule', added: 2, changed: 0, removed: 1, unchanged: 40 },
    metadata: { eventId, correlationId: 'corr-7', hop: 1 },
  });

describe('core turns content’s drift report into system.warning', () => {
  it('publishes a system.warning core may publish, naming the band and the counts, caused by the report', async () => {
    published.length = 0;
    const handler = createDriftWarningHandler({ publisher, persistenceStore: memoryIdempotency() });
    const cause = crypto.randomUUID();
    await handler(reconciled(cause), lambdaContext('core-onCatalogueReconciled'));
    expect(published).toHaveLength(1);
    const [warning] = published;
    if (!warning) throw new Error('no warning');
    expect(warning.name).toBe('system.warning');
    expect(systemWarning.data.parse(warning.data)).toEqual({
      module: 'content',
      code: CATALOGUE_DRIFT_CODE,
      message: expect.stringMatching(/band-1.*schedule.*2 added, 0 changed, 1 removed, 40 unchanged/),
      correlationId: 'corr-7',
    });
    const { detail } = publishableDetail('core', warning);
    expect(detail.metadata).toMatchObject({ correlationId: 'corr-7', causationId: cause, hop: 2 });
  });

  it('warns once for a redelivered report, and again for another one', async () => {
    published.length = 0;
    const handler = createDriftWarningHandler({ publisher, persistenceStore: memoryIdempotency() });
    const cause = crypto.randomUUID();
    await handler(reconciled(cause), lambdaContext());
    await handler(reconciled(cause), lambdaContext());
    await handler(reconciled(crypto.randomUUID()), lambdaContext());
    expect(published).toHaveLength(2);
  });

  it('is not an event content may publish itself: system.* belongs to core', () => {
    expect(() =>
      publishableDetail('content', {
        name: 'system.warning',
        data: { module: 'content', code: CATALOGUE_DRIFT_CODE, message: 'drift', correlationId: null },
      } as EventToPublish),
    ).toThrow(/core/);
  });
});

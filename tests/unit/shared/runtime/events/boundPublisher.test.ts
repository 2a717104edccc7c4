import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findEventContract } from '../../../../../shared/contracts/eventCatalog.ts';
import type { EventMetadata } from '../../../../../shared/contracts/eventEnvelope.ts';
import { EventValidationError } from '../../../../../shared/runtime/errors/eventErrors.ts';
import { bindPublisher } from '../../../../../shared/runtime/events/boundPublisher.ts';
import {
  buildEventDetail,
  type PublishOptions,
} from '../../../../../shared/runtime/events/buildEventDetail.ts';
import type { Publisher } from '../../../../../shared/runtime/events/PublisherTypes.ts';
import { contentDeleted } from '../../../../helpers/eventFixtures.ts';

const trigger: EventMetadata = {
  eventId: randomUUID(),
  schemaVersion: 1,
  correlationId: 'corr-1',
  causationId: null,
  occurredAt: '2026-11-24T10:00:00.000Z',
  hop: 3,
  bandId: 'band-trigger',
  producer: 'drive',
};

/** A publisher that records what it was asked to publish. */
const recorder = () => {
  const calls: { name: string; options: PublishOptions | undefined }[] = [];
  const publisher: Publisher = {
    publish: async (name, _data, options) => {
      calls.push({ name, options });
      return 'id';
    },
    publishAll: async (events) => {
      for (const e of events) calls.push({ name: e.name, options: e.options });
      return events.map(() => 'id');
    },
  };
  return { publisher, calls };
};

describe('bindPublisher', () => {
  it('chains causation, correlation and hop from the trigger', async () => {
    const { publisher, calls } = recorder();
    await bindPublisher(publisher, trigger, 'content#content-onFile').publish(
      'content.deleted',
      contentDeleted(),
    );
    expect(calls[0]?.options).toMatchObject({
      causationId: trigger.eventId,
      correlationId: 'corr-1',
      hop: 4,
      inheritedBandId: 'band-trigger',
    });
  });

  it('derives the same event ids when a retried handler publishes the same events again', async () => {
    const first = recorder();
    const again = recorder();
    for (const { publisher } of [first, again]) {
      const bound = bindPublisher(publisher, trigger, 'content#content-onFile');
      await bound.publish('content.deleted', contentDeleted());
      await bound.publishAll([{ name: 'content.deleted', data: contentDeleted() }]);
    }
    const ids = (r: ReturnType<typeof recorder>) => r.calls.map((c) => c.options?.eventId);
    expect(ids(again)).toEqual(ids(first));
    expect(new Set(ids(first)).size).toBe(2);
    expect(ids(first)[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const otherReactor = recorder();
    await bindPublisher(otherReactor.publisher, trigger, 'sync#sync-onFile').publish(
      'content.deleted',
      contentDeleted(),
    );
    expect(otherReactor.calls[0]?.options?.eventId).not.toBe(ids(first)[0]);
  });
});

describe('buildEventDetail band scope', () => {
  const contract = findEventContract('content.deleted');
  if (!contract) throw new Error('no contract');

  it('uses the data’s band before the trigger’s, so a reaction about band B is not labelled band A', () => {
    const detail = buildEventDetail(contract, 'content', contentDeleted({ bandId: 'band-b' }), {
      inheritedBandId: 'band-a',
    });
    expect(detail.metadata.bandId).toBe('band-b');
  });

  it('refuses metadata that names another band than the data, and a foreign producer', () => {
    expect(() => buildEventDetail(contract, 'content', contentDeleted(), { bandId: 'band-x' })).toThrow(
      EventValidationError,
    );
    expect(() => buildEventDetail(contract, 'drive', contentDeleted())).toThrow(/must be content/);
  });
});

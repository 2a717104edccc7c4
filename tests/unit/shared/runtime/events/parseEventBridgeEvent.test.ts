import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { defineEvent, previousVersionOf } from '../../../../../shared/contracts/defineEvent.ts';
import { EventValidationError } from '../../../../../shared/runtime/errors/eventErrors.ts';
import { parseEventBridgeEvent } from '../../../../../shared/runtime/events/parseEventBridgeEvent.ts';

// Version 2 of a fixture event replaced `title` by `displayTitle` and made `kind` required.
const ChartV1 = z.object({ bandId: z.string(), title: z.string() }).strict();
const ChartV2 = z
  .object({ bandId: z.string(), displayTitle: z.string(), kind: z.enum(['chart', 'audio']) })
  .strict();

const chartFiled = defineEvent({
  name: 'library.chart_filed',
  owner: 'library',
  version: 2,
  bandScoped: true,
  description: 'A chart was filed.',
  data: ChartV2,
  previousVersions: [
    previousVersionOf(ChartV2)({
      version: 1,
      data: ChartV1,
      acceptedUntil: '2027-03-31',
      upgrade: (v1) => ({ bandId: v1.bandId, displayTitle: v1.title, kind: 'chart' }),
    }),
  ],
});

const contracts = (name: string) => (name === chartFiled.name ? chartFiled : undefined);

const received = (schemaVersion: number, data: unknown) => ({
  id: 'bus-1',
  source: 'soleil.library',
  'detail-type': 'library.chart_filed',
  detail: {
    metadata: {
      eventId: randomUUID(),
      schemaVersion,
      correlationId: 'corr-1',
      causationId: null,
      occurredAt: '2026-11-24T10:00:00.000Z',
      hop: 0,
      bandId: 'band-1',
      producer: 'library',
    },
    data,
  },
});

const refusal = (event: ReturnType<typeof received>): string => {
  try {
    parseEventBridgeEvent(event, contracts);
  } catch (error) {
    expect(error).toBeInstanceOf(EventValidationError);
    return (error as Error).message;
  }
  throw new Error('the event was accepted');
};

describe('parseEventBridgeEvent with versions', () => {
  it('reads the current version as it is', () => {
    const data = { bandId: 'band-1', displayTitle: 'All of Me', kind: 'audio' };
    expect(parseEventBridgeEvent(received(2, data), contracts).data).toEqual(data);
  });

  it('accepts a previous version during its transition and hands the subscriber the current shape', () => {
    const parsed = parseEventBridgeEvent(received(1, { bandId: 'band-1', title: 'All of Me' }), contracts);
    expect(parsed.data).toEqual({ bandId: 'band-1', displayTitle: 'All of Me', kind: 'chart' });
    expect(parsed.metadata.schemaVersion).toBe(1);
  });

  it('checks previous-version data against the previous schema', () => {
    expect(refusal(received(1, { bandId: 'band-1', displayTitle: 'x', kind: 'chart' }))).toMatch(
      /detail\.data/,
    );
  });

  it('refuses a version newer than the contract, and one it no longer accepts', () => {
    expect(refusal(received(3, { bandId: 'band-1', displayTitle: 'x', kind: 'chart' }))).toMatch(
      /version 3 is newer than this contract \(2\): deploy the new contract first/,
    );
    const withoutTransition = { ...chartFiled, previousVersions: [] };
    expect(() =>
      parseEventBridgeEvent(received(1, { bandId: 'band-1', title: 'x' }), () => withoutTransition),
    ).toThrow(/version 1 is no longer accepted: library.chart_filed accepts versions 2/);
  });

  it('refuses data whose upgrade does not produce the current version, naming both versions', () => {
    const broken = defineEvent({
      ...chartFiled,
      previousVersions: [
        { version: 1, data: ChartV1, acceptedUntil: '2027-03-31', upgrade: (v1: { title: string }) => v1 },
      ],
    });
    expect(() => parseEventBridgeEvent(received(1, { bandId: 'band-1', title: 'x' }), () => broken)).toThrow(
      /library.chart_filed version 1 could not be upgraded to version 2: detail\.data/,
    );
  });
});

describe('defineEvent', () => {
  it('refuses a previous version that is not older, is repeated, or has no transition end', () => {
    const base = { name: 'library.x', owner: 'library', bandScoped: false, description: 'x', data: ChartV2 };
    const previous = (version: number, acceptedUntil = '2027-03-31') => ({
      version,
      data: ChartV1,
      acceptedUntil,
      upgrade: () => ({}),
    });
    expect(() => defineEvent({ ...base, version: 2, previousVersions: [previous(2)] })).toThrow(
      /library.x has an invalid contract:\n {2}- previous version 2 must be a positive integer below the current 2/,
    );
    expect(() => defineEvent({ ...base, version: 3, previousVersions: [previous(1), previous(1)] })).toThrow(
      /previous version 1 is declared twice/,
    );
    expect(() => defineEvent({ ...base, version: 2, previousVersions: [previous(1, 'soon')] })).toThrow(
      /acceptedUntil as a day, e.g. 2027-03-31, not "soon"/,
    );
  });
});

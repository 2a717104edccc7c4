import { describe, expect, it } from 'vitest';
import {
  burstsOf,
  type PausedThread,
  type StageSample,
  slowEvents,
} from '../../../bench/propagationStages.ts';

/** An event sent at `sentAt` whose stages take `bus`, `hand` and `start` ms. */
const event = (sentAt: number, bus: number, hand: number, start: number): StageSample => ({
  sentAt,
  busReceivedAt: sentAt + bus,
  deliveredAt: sentAt + bus + hand,
  startedAt: sentAt + bus + hand + start,
});

const platform = (pauses: PausedThread['pauses']): PausedThread => ({
  name: 'platform',
  pauses,
  span: (e) => [e.sentAt, e.startedAt],
});
const publisher = (pauses: PausedThread['pauses']): PausedThread => ({
  name: 'publisher',
  pauses,
  span: (e) => [e.sentAt, e.busReceivedAt + 1],
});

describe('slowEvents', () => {
  const samples = [
    event(0, 0.5, 0, 0.5), // fast
    event(100, 6, 1, 1), // slow, overlapped by the platform's pause at 103–104
    event(200, 1, 1, 5), // slow: the publisher's pause at 204 is after the bus had it; none overlaps
    event(300, 5, 0, 1), // slow, overlapped by the publisher's pause at 302–303
    event(400, 1, 5, 1), // slow, overlapped by both
  ];
  const threads = [
    platform([
      { start: 103, end: 104 },
      { start: 405, end: 406 },
    ]),
    publisher([
      { start: 204, end: 205 },
      { start: 302, end: 303 },
      { start: 400.5, end: 401 },
    ]),
  ];

  it('counts the slow events each thread’s collections overlapped, on the part of the way it is on', () => {
    const report = slowEvents(samples, threads, 5);
    expect(report.slow).toBe(4);
    expect(report.of).toBe(5);
    expect(report.threads).toEqual([
      { name: 'platform', collections: 2, longestMs: 1, overlapped: 2 },
      { name: 'publisher', collections: 3, longestMs: 1, overlapped: 2 },
    ]);
    expect(report.overlappedByNone).toBe(1);
  });

  it('gives the slow events’ median stages, not all events’', () => {
    const { medianStages } = slowEvents(samples, threads, 5);
    expect(medianStages.map((m) => m.stage)).toEqual([
      'SDK → bus',
      'bus → delivery handed out',
      'delivery → handler start',
      'total',
    ]);
    // Slow events' SDK → bus: 1, 1, 5, 6 → median (the lower middle, as the tables' percentiles) 1.
    expect(medianStages[0]?.ms).toBe(1);
    expect(medianStages[3]?.ms).toBe(7);
  });

  it('reports nothing slow below the threshold', () => {
    const report = slowEvents([event(0, 1, 1, 1)], threads, 5);
    expect(report.slow).toBe(0);
    expect(report.overlappedByNone).toBe(0);
  });
});

describe('burstsOf', () => {
  it('groups slow events sent within 15 ms of the previous slow one, whatever order they come in', () => {
    const slow = [100, 0, 110, 20, 124, 500, 139].map((at) => event(at, 6, 0, 0));
    expect(burstsOf(slow)).toEqual({ count: 4, largest: 4, largestSpanMs: 39, single: 3 });
  });

  it('counts a gap just over 15 ms as two bursts', () => {
    expect(burstsOf([event(0, 6, 0, 0), event(15.5, 6, 0, 0)])).toEqual({
      count: 2,
      largest: 1,
      largestSpanMs: 0,
      single: 2,
    });
  });

  it('reports no burst when nothing was slow', () => {
    expect(burstsOf([])).toEqual({ count: 0, largest: 0, largestSpanMs: 0, single: 0 });
  });
});

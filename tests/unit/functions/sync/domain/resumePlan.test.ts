import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../../../functions/sync/domain/liveRecords.ts';
import { planResume } from '../../../../../functions/sync/domain/resumePlan.ts';

const NOW = 1_000_000;
const entry = (seq: number, expiresAt = NOW + 60): LogEntry => ({
  bandId: 'band-1',
  seq,
  expiresAt,
  audience: { kind: 'all' },
  message: {
    type: 'dashboard_updated',
    bandId: 'band-1',
    seq,
    widget: 'new_charts',
    reason: 'content_changed',
  },
});
const plan = (afterSeq: number, lastSeq: number, entries: LogEntry[], maxReplay = 500) =>
  planResume({ afterSeq, lastSeq, entries, nowEpochSeconds: NOW, maxReplay });

describe('planResume', () => {
  it('replays exactly the entries after afterSeq, in order', () => {
    const result = plan(2, 5, [entry(3), entry(4), entry(5)]);
    expect(result).toMatchObject({ kind: 'replay', lastSeq: 5 });
    expect(result.kind === 'replay' && result.entries.map((e) => e.seq)).toEqual([3, 4, 5]);
  });

  it('replays nothing when the client is up to date', () => {
    expect(plan(5, 5, [])).toEqual({ kind: 'replay', entries: [], lastSeq: 5 });
  });

  it('asks for a resync when an entry fell out of the window, even before the TTL removed it', () => {
    expect(plan(2, 5, [entry(3, NOW), entry(4), entry(5)])).toEqual({
      kind: 'resync',
      reason: 'gap_too_old',
      lastSeq: 5,
    });
  });

  it('asks for a resync when entries are missing (removed by the TTL)', () => {
    expect(plan(0, 5, [entry(4), entry(5)])).toMatchObject({ kind: 'resync', reason: 'gap_too_old' });
  });

  it('asks for a resync when the client is ahead of the log (a band log it cannot know)', () => {
    expect(plan(9, 5, [])).toMatchObject({ kind: 'resync', reason: 'ahead_of_log' });
  });

  it('asks for a resync when more was missed than a replay sends', () => {
    expect(plan(0, 600, [], 500)).toMatchObject({ kind: 'resync', reason: 'too_many' });
  });
});

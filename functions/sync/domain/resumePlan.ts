import type { LogEntry } from './liveRecords.ts';

/** What a resume answers: the entries to replay in order, or that the client must reload. */
export type ResumePlan =
  | { readonly kind: 'replay'; readonly entries: readonly LogEntry[]; readonly lastSeq: number }
  | {
      readonly kind: 'resync';
      readonly reason: 'gap_too_old' | 'ahead_of_log' | 'too_many';
      readonly lastSeq: number;
    };

/**
 * Decides a resume from the band's last sequence number and the log entries after `afterSeq` (ascending,
 * at most `maxReplay + 1` read). The log must hold every number from `afterSeq + 1` on: an entry past its
 * window (expired, even if DynamoDB's TTL has not removed it yet) or missing means the client missed
 * something the log cannot give back, so it reloads. Filtering by audience comes after: a member's replay
 * skips numbers that were not for them, which is why the check runs on all entries.
 */
export const planResume = (input: {
  readonly afterSeq: number;
  readonly lastSeq: number;
  readonly entries: readonly LogEntry[];
  readonly nowEpochSeconds: number;
  readonly maxReplay: number;
}): ResumePlan => {
  const { afterSeq, lastSeq } = input;
  if (afterSeq > lastSeq) return { kind: 'resync', reason: 'ahead_of_log', lastSeq };
  if (afterSeq === lastSeq) return { kind: 'replay', entries: [], lastSeq };
  if (lastSeq - afterSeq > input.maxReplay) return { kind: 'resync', reason: 'too_many', lastSeq };
  const live = input.entries.filter((e) => e.expiresAt > input.nowEpochSeconds && e.seq > afterSeq);
  const complete = live.length === lastSeq - afterSeq && live.every((e, i) => e.seq === afterSeq + 1 + i);
  if (!complete) return { kind: 'resync', reason: 'gap_too_old', lastSeq };
  return { kind: 'replay', entries: live, lastSeq };
};

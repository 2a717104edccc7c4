import type { ReactionReport } from '../../../shared/contracts/flowTrace.ts';

/** How long the trace keeps a flow: a week is enough to read back what happened after a report. */
export const FLOW_TRACE_RETENTION_SECONDS = 7 * 24 * 3600;

/** Most items read back for one flow: a library sync of thousands of files is answered in part. */
export const MAX_FLOW_ITEMS = 2_000;

/** A platform event as the trace recorded it. */
export interface TracedEvent {
  readonly eventId: string;
  readonly name: string;
  readonly source: string;
  readonly producer: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly hop: number;
  readonly occurredAt: string;
  readonly bandId: string | undefined;
  /** The user the event is about, when its data names one: who signed in, who changed a preference. */
  readonly userId: string | undefined;
}

/** One subscriber's handling of one event, as its event kit reported it. */
export type TracedReaction = ReactionReport;

/** Everything the trace holds under one correlation id. */
export interface FlowRecords {
  readonly events: readonly TracedEvent[];
  readonly reactions: readonly TracedReaction[];
  /** More items than {@link MAX_FLOW_ITEMS}: the flow is answered in part. */
  readonly truncated: boolean;
}

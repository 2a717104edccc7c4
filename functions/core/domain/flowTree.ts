import type { ReportedServiceCall } from '../../../shared/contracts/flowTrace.ts';
import type { FlowRecords, TracedEvent, TracedReaction } from './flowTrace.ts';

/** A subscriber's handling of an event in the tree, with its timing and the calls it made. */
export interface FlowReaction {
  readonly module: string;
  readonly functionId: string;
  readonly outcome: TracedReaction['outcome'];
  readonly error?: string;
  readonly startedAt: string;
  /** From the event's occurrence to this reaction's start (delivery and queueing). */
  readonly latencyMs: number;
  readonly durationMs: number;
  /**
   * Where the hop's time went, when the reaction came through its subscription's queue: publish → the
   * queue has it (bus), → handed to the function (queue), → the handler starts (container wake-up); then the
   * handler's own time and how much of it DynamoDB took.
   */
  readonly stages?: ReactionStages;
  readonly calls: readonly ReportedServiceCall[];
}

/** A reaction's hop, stage by stage (ms). */
export interface ReactionStages {
  readonly busMs: number;
  readonly queueMs: number;
  readonly wakeUpMs: number;
  readonly handlerMs: number;
  /** Of the handler's time, DynamoDB requests (count and time). */
  readonly storageCalls: number;
  readonly storageMs: number;
}

/** An event of the flow, what reacted to it and the events it caused. */
export interface FlowNode {
  readonly eventId: string;
  readonly name: string;
  readonly producer: string;
  readonly hop: number;
  readonly occurredAt: string;
  /** From the flow's first event. */
  readonly atMs: number;
  readonly bandId?: string;
  readonly reactions: readonly FlowReaction[];
  readonly caused: readonly FlowNode[];
}

/** A flow read back: its events as a tree (roots: the events the request itself published), with timings. */
export interface FlowTree {
  readonly correlationId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly eventCount: number;
  readonly reactionCount: number;
  /** Some items were not read (a very large flow): the tree is partial. */
  readonly truncated: boolean;
  readonly roots: readonly FlowNode[];
}

const ms = (iso: string): number => Date.parse(iso);

const byTime =
  <T>(time: (item: T) => string) =>
  (a: T, b: T) =>
    ms(time(a)) - ms(time(b));

/** The stages of a reaction that reports its queue times; none for one invoked directly. */
const stagesOf = (event: TracedEvent, r: TracedReaction): { stages?: ReactionStages } => {
  if (r.queuedAt === undefined || r.receivedAt === undefined) return {};
  // Clocks of different machines (the publisher's, SQS's, the function's): a small negative is skew, not time.
  const between = (from: string, to: string) => Math.max(0, ms(to) - ms(from));
  return {
    stages: {
      busMs: between(event.occurredAt, r.queuedAt),
      queueMs: between(r.queuedAt, r.receivedAt),
      wakeUpMs: between(r.receivedAt, r.startedAt),
      handlerMs: r.durationMs,
      storageCalls: r.storage?.calls ?? 0,
      storageMs: r.storage?.durationMs ?? 0,
    },
  };
};

/**
 * Builds the tree of a flow: each event under the event that caused it, its reactions in the order they
 * started (retries included, each with its outcome). An event whose cause the trace does not hold (the
 * request's own events, or a cause older than the trace) is a root. Pure: the trace store gives the records.
 */
export const buildFlowTree = (correlationId: string, records: FlowRecords): FlowTree => {
  const events = [...records.events].sort(byTime((e: TracedEvent) => e.occurredAt));
  const known = new Set(events.map((e) => e.eventId));
  const start = events[0]?.occurredAt ?? records.reactions[0]?.startedAt ?? new Date(0).toISOString();
  const reactionsOf = new Map<string, TracedReaction[]>();
  for (const reaction of records.reactions) {
    reactionsOf.set(reaction.eventId, [...(reactionsOf.get(reaction.eventId) ?? []), reaction]);
  }
  const childrenOf = new Map<string, TracedEvent[]>();
  for (const event of events) {
    if (event.causationId && known.has(event.causationId) && event.causationId !== event.eventId) {
      childrenOf.set(event.causationId, [...(childrenOf.get(event.causationId) ?? []), event]);
    }
  }
  let finished = ms(start);
  const visited = new Set<string>();
  const node = (event: TracedEvent): FlowNode => {
    visited.add(event.eventId);
    finished = Math.max(finished, ms(event.occurredAt));
    const reactions = [...(reactionsOf.get(event.eventId) ?? [])]
      .sort(byTime((r: TracedReaction) => r.startedAt))
      .map((r): FlowReaction => {
        finished = Math.max(finished, ms(r.startedAt) + r.durationMs);
        return {
          module: r.module,
          functionId: r.functionId,
          outcome: r.outcome,
          ...(r.error ? { error: r.error } : {}),
          startedAt: r.startedAt,
          latencyMs: Math.max(0, ms(r.startedAt) - ms(event.occurredAt)),
          durationMs: r.durationMs,
          ...stagesOf(event, r),
          calls: r.calls,
        };
      });
    // A cycle of causation ids cannot come from the kit, but a tree must end whatever the records say.
    const caused = (childrenOf.get(event.eventId) ?? []).filter((c) => !visited.has(c.eventId)).map(node);
    return {
      eventId: event.eventId,
      name: event.name,
      producer: event.producer,
      hop: event.hop,
      occurredAt: event.occurredAt,
      atMs: ms(event.occurredAt) - ms(start),
      ...(event.bandId ? { bandId: event.bandId } : {}),
      reactions,
      caused,
    };
  };
  const roots = events
    .filter((e) => !e.causationId || !known.has(e.causationId) || e.causationId === e.eventId)
    .map(node);
  // Whatever a cycle left unvisited still shows, as roots.
  for (const event of events) if (!visited.has(event.eventId)) roots.push(node(event));
  return {
    correlationId,
    startedAt: start,
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - ms(start),
    eventCount: events.length,
    reactionCount: records.reactions.length,
    truncated: records.truncated,
    roots,
  };
};

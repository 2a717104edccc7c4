import type { ReactionReport } from '../../../shared/contracts/flowTrace.ts';
import type { Identity } from '../../../shared/contracts/identity.ts';
import { NotFoundError, type ObservedEvent } from '../../../shared/runtime/index.ts';
import { maySeeFlow } from '../domain/flowAccess.ts';
import type { TracedEvent } from '../domain/flowTrace.ts';
import { buildFlowTree, type FlowTree } from '../domain/flowTree.ts';
import type { FlowTraceStore } from '../store/FlowTraceStore.ts';

/** What the flow trace's use cases need. */
export interface FlowTraceDependencies {
  readonly flowTrace: FlowTraceStore;
}

const tracedEvent = (observed: ObservedEvent): TracedEvent => ({
  eventId: observed.metadata.eventId,
  name: observed.name,
  source: observed.source,
  producer: observed.metadata.producer,
  correlationId: observed.metadata.correlationId,
  causationId: observed.metadata.causationId,
  hop: observed.metadata.hop,
  occurredAt: observed.metadata.occurredAt,
  bandId: observed.metadata.bandId,
  userId: observed.userId,
});

/** Records a batch of platform events (core's observer of every event). */
export const recordFlowEvents = async (
  deps: FlowTraceDependencies,
  events: readonly ObservedEvent[],
): Promise<number> => {
  await deps.flowTrace.putEvents(events.map(tracedEvent));
  return events.length;
};

/** Records the reactions a subscriber's event kit reported. */
export const recordReactions = async (
  deps: FlowTraceDependencies,
  reactions: readonly ReactionReport[],
): Promise<number> => {
  await deps.flowTrace.putReactions(reactions);
  return reactions.length;
};

/**
 * A flow as a tree, for a caller allowed to see it (see {@link maySeeFlow}); any other caller — and a flow
 * the trace does not hold — gets the same 404.
 */
export const readFlow = async (
  deps: FlowTraceDependencies,
  identity: Identity,
  correlationId: string,
): Promise<FlowTree> => {
  const records = await deps.flowTrace.flow(correlationId);
  if (records.events.length === 0 || !maySeeFlow(identity, records)) {
    throw new NotFoundError(`No flow ${correlationId} that you may see`);
  }
  return buildFlowTree(correlationId, records);
};

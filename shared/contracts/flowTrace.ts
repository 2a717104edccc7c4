import * as z from 'zod';
import { EventMetadata } from './eventEnvelope.ts';
import { IsoDateTime, ModuleName } from './identifiers.ts';

/**
 * The `detail-type` of a reaction report: what the event kit puts on the bus, with the reacting module's own
 * source, after each batch it handled — for core's flow trace, whose observer of every `soleil.*` event is the
 * only rule that matches it. Not a platform event: no contract in the catalog, never traced as an event.
 */
export const REACTION_REPORT_DETAIL_TYPE = 'soleil.reactions_reported';

/** Most service calls one reaction reports (the kit keeps no more per invocation). */
export const MAX_REPORTED_CALLS = 50;

/** Most reactions one report carries: an SQS batch holds at most 10 records. */
export const MAX_REACTIONS_PER_REPORT = 10;

/** How a service call made by a reaction ended. */
export const ServiceCallOutcome = z.enum(['ok', 'refused', 'error', 'timeout', 'unavailable']);

/** A service call a reaction made while handling its event. */
export const ReportedServiceCall = z
  .object({
    module: ModuleName,
    service: z.string().min(1).max(100),
    operation: z.string().min(1).max(100),
    outcome: ServiceCallOutcome,
    startedAt: IsoDateTime,
    durationMs: z.number().min(0),
  })
  .strict();
export type ReportedServiceCall = z.infer<typeof ReportedServiceCall>;

/**
 * How a subscriber's handling of one event ended: done, failed (it will be retried), a repeat skipped, or
 * superseded — left unhandled for a newer event of the same batch that stands for it (the kit's `coalesceBy`).
 */
export const ReactionOutcome = z.enum(['ok', 'failed', 'duplicate', 'superseded']);
export type ReactionOutcome = z.infer<typeof ReactionOutcome>;

/** One subscriber's handling of one platform event, as the event kit reports it to the flow trace. */
export const ReactionReport = z
  .object({
    eventId: EventMetadata.shape.eventId,
    eventName: z.string().min(1).max(100),
    correlationId: EventMetadata.shape.correlationId,
    /** The reacting module and its function (the model's function id). */
    module: ModuleName,
    functionId: z.string().min(1).max(140),
    startedAt: IsoDateTime,
    durationMs: z.number().min(0),
    /**
     * When the subscription's queue got the event from the bus (SQS `SentTimestamp`) and when it handed it to
     * the function (`ApproximateFirstReceiveTimestamp`): with the event's occurrence and `startedAt`, the hop's
     * bus, queue and container wake-up stages. Absent when the function was invoked with the event directly.
     */
    queuedAt: IsoDateTime.optional(),
    receivedAt: IsoDateTime.optional(),
    /** The DynamoDB requests the reaction made through the kit's clients (stores, outbox, idempotency). */
    storage: z
      .object({ calls: z.number().int().min(0), durationMs: z.number().min(0) })
      .strict()
      .optional(),
    outcome: ReactionOutcome,
    /** The error's name when it failed; never its message (it may hold data). */
    error: z.string().min(1).max(100).optional(),
    calls: z.array(ReportedServiceCall).max(MAX_REPORTED_CALLS),
  })
  .strict();
export type ReactionReport = z.infer<typeof ReactionReport>;

/** The `detail` of a reaction report. */
export const ReactionReportDetail = z
  .object({ reactions: z.array(ReactionReport).min(1).max(MAX_REACTIONS_PER_REPORT) })
  .strict();

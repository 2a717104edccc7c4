import * as z from 'zod';
import { defineService } from '../defineService.ts';
import { EventMetadata } from '../eventEnvelope.ts';
import { IsoDateTime, ModuleName } from '../identifiers.ts';

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

/** How a subscriber's handling of one event ended: done, failed (it will be retried), or a repeat skipped. */
export const ReactionOutcome = z.enum(['ok', 'failed', 'duplicate']);
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
    outcome: ReactionOutcome,
    /** The error's name when it failed; never its message (it may hold data). */
    error: z.string().min(1).max(100).optional(),
    calls: z.array(ReportedServiceCall).max(MAX_REPORTED_CALLS),
  })
  .strict();
export type ReactionReport = z.infer<typeof ReactionReport>;

export const traceService = defineService({
  module: 'core',
  name: 'trace_service',
  version: 1,
  description:
    'The flow trace: subscribers report how they handled each event (the event kit does it for them).',
  operations: {
    recordReactions: {
      description:
        'Records the reactions of one subscriber batch: who handled which event, how and how long.',
      input: z.object({ reactions: z.array(ReactionReport).min(1).max(MAX_REACTIONS_PER_REPORT) }).strict(),
      output: z.object({ recorded: z.number().int().min(0) }).strict(),
    },
  },
});

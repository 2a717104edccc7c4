import * as z from 'zod';
import { MAX_EVENT_HOPS } from '../../contracts/eventEnvelope.ts';

/** The payload a service Lambda is invoked with: one function serves every operation of its service. */
export const ServiceInvocation = z
  .object({
    operation: z.string().min(1).max(100),
    input: z.unknown(),
    caller: z.string().min(1).max(100),
    correlationId: z.string().min(1).max(128),
    /**
     * The event the caller was reacting to, when it was: what the provider publishes while serving the call
     * is caused by that event, one hop further. Absent for a call made by a request or a schedule.
     */
    cause: z
      .object({ eventId: z.uuid(), hop: z.number().int().min(0).max(MAX_EVENT_HOPS) })
      .strict()
      .optional(),
  })
  .strict();
export type ServiceInvocation = z.infer<typeof ServiceInvocation>;

/** What a service answers instead of throwing: a failure crosses the Lambda boundary as data. */
export const ServiceFailure = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
});
export type ServiceFailure = z.infer<typeof ServiceFailure>;

/** A service's answer: `{ ok: true, output }` or `{ ok: false, error }`. */
export const ServiceResponse = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), output: z.unknown() }),
  z.object({ ok: z.literal(false), error: ServiceFailure }),
]);
export type ServiceResponse = z.infer<typeof ServiceResponse>;

import * as z from 'zod';

/** The payload a service Lambda is invoked with: one function serves every operation of its service. */
export const ServiceInvocation = z
  .object({
    operation: z.string().min(1).max(100),
    input: z.unknown(),
    caller: z.string().min(1).max(100),
    correlationId: z.string().min(1).max(128),
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

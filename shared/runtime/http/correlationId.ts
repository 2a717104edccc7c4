/** Header carrying the correlation id in and out of the platform. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

// Same bounds as EventMetadata.correlationId, and nothing a log injection could use.
const SANE_CORRELATION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * The correlation id of a request: the caller's `x-correlation-id` when it is sane, else API Gateway's
 * request id (else a fresh uuid, for hand-made events).
 */
export const pickCorrelationId = (headerValue: string | undefined, requestId: string | undefined): string => {
  const candidate = headerValue?.trim();
  if (candidate && SANE_CORRELATION_ID.test(candidate)) return candidate;
  if (requestId && SANE_CORRELATION_ID.test(requestId)) return requestId;
  return crypto.randomUUID();
};

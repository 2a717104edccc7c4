/**
 * The correlation id of the invocation running now, so the publisher and the service client continue a
 * request's chain without every handler passing it down. A container (or embedded-platform worker) runs one
 * invocation at a time, like Lambda, so one slot is enough.
 */
let current: string | undefined;

/** Set by the kits at the start of an invocation, cleared at its end. */
export const setCurrentCorrelationId = (correlationId: string | undefined): void => {
  current = correlationId;
};

/** The running invocation's correlation id, if a kit handler is running. */
export const currentCorrelationId = (): string | undefined => current;

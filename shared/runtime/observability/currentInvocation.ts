/**
 * What the kits know about the invocation running now, so the publisher, the outbox and the service client
 * continue a request's chain without every handler passing it down: its correlation id, the event it reacts
 * to (the cause of whatever it publishes) and the service calls it made (reported with its reaction). A
 * container (or embedded-platform worker) runs one invocation at a time, like Lambda, so one slot is enough.
 */
let current: string | undefined;
let cause: InvocationCause | undefined;
let calls: ServiceCallRecord[] = [];
let storage: StorageTally = { calls: 0, durationMs: 0 };

/** The DynamoDB requests of the running invocation: how many, and their time (retries included). */
export interface StorageTally {
  readonly calls: number;
  readonly durationMs: number;
}

/** The event (or the service call made while handling one) the running invocation reacts to. */
export interface InvocationCause {
  /** Platform event id: the causation id of what this invocation publishes. */
  readonly eventId: string;
  /** That event's hop: what this invocation publishes is one hop further. */
  readonly hop: number;
}

/** One service call made by the running invocation. */
export interface ServiceCallRecord {
  readonly module: string;
  readonly service: string;
  readonly operation: string;
  readonly outcome: 'ok' | 'refused' | 'error' | 'timeout' | 'unavailable';
  readonly startedAt: string;
  readonly durationMs: number;
}

/** Most calls kept per invocation: a reaction's report stays small whatever a handler does in a loop. */
const MAX_RECORDED_CALLS = 50;

/** Set by the kits at the start of an invocation, cleared at its end (the cause and the calls with it). */
export const setCurrentCorrelationId = (correlationId: string | undefined): void => {
  current = correlationId;
  if (correlationId === undefined) {
    cause = undefined;
    calls = [];
    storage = { calls: 0, durationMs: 0 };
  }
};

/** The running invocation's correlation id, if a kit handler is running. */
export const currentCorrelationId = (): string | undefined => current;

/** Set by the event and service kits while they handle an event (or a call made for one). */
export const setCurrentCause = (next: InvocationCause | undefined): void => {
  cause = next;
};

/** The event the running invocation reacts to, if any. */
export const currentCause = (): InvocationCause | undefined => cause;

/** Recorded by the service client for every call it makes. */
export const recordServiceCall = (call: ServiceCallRecord): void => {
  if (calls.length < MAX_RECORDED_CALLS) calls.push(call);
};

/** The calls recorded since the last take (the event kit takes them once per handled event). */
export const takeServiceCalls = (): ServiceCallRecord[] => {
  const taken = calls;
  calls = [];
  return taken;
};

/** Recorded by the kit's DynamoDB clients (`storageClient`) for every request they complete. */
export const recordStorageCall = (durationMs: number): void => {
  storage = { calls: storage.calls + 1, durationMs: storage.durationMs + durationMs };
};

/** The DynamoDB requests recorded since the last take (the event kit takes them once per handled event). */
export const takeStorageCalls = (): StorageTally => {
  const taken = storage;
  storage = { calls: 0, durationMs: 0 };
  return taken;
};

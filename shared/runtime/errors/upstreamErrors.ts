import { PlatformError } from './PlatformError.ts';

/** 503: a dependency is unavailable (circuit open, not registered); retrying later may work. */
export class ServiceUnavailableError extends PlatformError {
  constructor(detail = 'A service this request needs is unavailable', cause?: unknown) {
    super({
      status: 503,
      type: 'service-unavailable',
      title: 'Service unavailable',
      detail,
      expose: true,
      cause,
    });
  }
}

/** How long a client should wait before retrying a request a dependency outage refused. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

/**
 * 503: something this request needs (a database, a queue, another AWS service) could not be reached — a
 * connection refused or reset, a timeout, the service answering that it is unavailable. Nothing about the
 * request was wrong: the same request may succeed once the dependency is back, so it carries `Retry-After`.
 */
export class DependencyUnavailableError extends PlatformError {
  constructor(dependency = 'A dependency of this request', cause?: unknown) {
    super({
      status: 503,
      type: 'dependency-unavailable',
      title: 'A dependency is unavailable',
      detail: `${dependency} could not be reached; retry in a few seconds`,
      expose: true,
      retryAfterSeconds: DEPENDENCY_RETRY_AFTER_SECONDS,
      cause,
    });
  }
}

/** 504: a dependency did not answer in time. */
export class UpstreamTimeoutError extends PlatformError {
  constructor(detail = 'A service this request needs did not answer in time') {
    super({ status: 504, type: 'upstream-timeout', title: 'Upstream timeout', detail, expose: true });
  }
}

/** Where a failed service call went. */
export interface ServiceCallTarget {
  readonly module: string;
  readonly service: string;
  readonly operation: string;
}

/**
 * A service call failed. A 4xx answered by the provider stays a 4xx (the caller sent something the provider
 * refuses, e.g. not found); anything else is a 502.
 */
export class ServiceCallError extends PlatformError {
  readonly target: ServiceCallTarget;
  /** The problem type the provider answered with, when it answered. */
  readonly upstreamType: string | null;

  constructor(options: {
    target: ServiceCallTarget;
    status: number;
    detail: string;
    upstreamType?: string | null;
    cause?: unknown;
  }) {
    const { module, service, operation } = options.target;
    const clientError = options.status >= 400 && options.status < 500;
    super({
      status: clientError ? options.status : 502,
      type: clientError && options.upstreamType ? options.upstreamType : 'service-call-failed',
      title: clientError ? 'The service refused the request' : 'A service call failed',
      detail: `${module}.${service}.${operation}: ${options.detail}`,
      cause: options.cause,
    });
    this.target = options.target;
    this.upstreamType = options.upstreamType ?? null;
  }
}

/** A call to a service or operation no contract declares: a programming error of the caller. */
export class UnknownServiceError extends PlatformError {
  constructor(detail: string) {
    super({ status: 500, type: 'unknown-service', title: 'Unknown service', detail });
  }
}

import { PlatformError } from './PlatformError.ts';

/** 400: the request is malformed in a way that is not a schema failure (bad JSON, bad base64...). */
export class BadRequestError extends PlatformError {
  constructor(detail = 'The request could not be read') {
    super({ status: 400, type: 'bad-request', title: 'The request is malformed', detail });
  }
}

/** 401: no identity, or an identity the platform cannot read. */
export class UnauthorizedError extends PlatformError {
  constructor(detail = 'Sign in to use this resource') {
    super({ status: 401, type: 'unauthorized', title: 'Authentication required', detail });
  }
}

/** 403: the caller is known but not allowed (e.g. not a leader of the band). */
export class ForbiddenError extends PlatformError {
  constructor(detail = 'You are not allowed to do this') {
    super({ status: 403, type: 'forbidden', title: 'Not allowed', detail });
  }
}

/** 404: the resource does not exist (or the caller may not know that it does). */
export class NotFoundError extends PlatformError {
  constructor(detail = 'No such resource') {
    super({ status: 404, type: 'not-found', title: 'Not found', detail });
  }
}

/** 409: the request conflicts with the current state (duplicate, stale version...). */
export class ConflictError extends PlatformError {
  constructor(detail = 'The request conflicts with the current state') {
    super({ status: 409, type: 'conflict', title: 'Conflict', detail });
  }
}

/** 413: the body is larger than the handler accepts. */
export class PayloadTooLargeError extends PlatformError {
  constructor(detail = 'The request body is too large') {
    super({ status: 413, type: 'payload-too-large', title: 'Payload too large', detail });
  }
}

/** 415: the body is not in a media type the handler reads (JSON). */
export class UnsupportedMediaTypeError extends PlatformError {
  constructor(detail = 'Send the body as application/json') {
    super({ status: 415, type: 'unsupported-media-type', title: 'Unsupported media type', detail });
  }
}

/** 429: the caller sent more than the route allows; `retryAfterSeconds` says when a request may pass again. */
export class TooManyRequestsError extends PlatformError {
  declare readonly retryAfterSeconds: number;

  constructor(
    retryAfterSeconds: number,
    detail = `Too many requests on this route; retry after ${retryAfterSeconds} s`,
  ) {
    super({ status: 429, type: 'too-many-requests', title: 'Too many requests', detail, retryAfterSeconds });
  }
}

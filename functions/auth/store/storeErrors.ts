/** Another user already holds this email (two first sign-ins raced): read the user again. */
export class EmailAlreadyRegisteredError extends Error {
  override readonly name = 'EmailAlreadyRegisteredError';
  constructor(readonly email: string) {
    super('A user with this email already exists');
  }
}

/**
 * A conditional write lost: the record changed since it was read (concurrent role change, last leader,
 * refresh token spent in the meantime). The caller re-reads or refuses.
 */
export class ConcurrentChangeError extends Error {
  override readonly name = 'ConcurrentChangeError';
}

/** The band named does not exist. */
export class BandNotFoundError extends Error {
  override readonly name = 'BandNotFoundError';
  constructor(readonly bandId: string) {
    super(`Band ${bandId} does not exist`);
  }
}

/** The user already belongs to `MAX_BANDS_PER_USER` bands (their token could not carry one more). */
export class TooManyBandsError extends Error {
  override readonly name = 'TooManyBandsError';
  constructor(
    readonly userId: string,
    readonly limit: number,
  ) {
    super(`User ${userId} already belongs to ${limit} bands`);
  }
}

/** The band already has `MAX_BAND_MEMBERS` members. */
export class BandFullError extends Error {
  override readonly name = 'BandFullError';
  constructor(
    readonly bandId: string,
    readonly limit: number,
  ) {
    super(`Band ${bandId} already has ${limit} members`);
  }
}

/** A band with this id exists already (a retried create with the same request id). */
export class BandExistsError extends Error {
  override readonly name = 'BandExistsError';
  constructor(readonly bandId: string) {
    super(`Band ${bandId} exists already`);
  }
}

/** More memberships are stored for a user than a token may carry: refused rather than silently truncated. */
export class TooManyMembershipsError extends Error {
  override readonly name = 'TooManyMembershipsError';
  constructor(
    readonly userId: string,
    readonly limit: number,
  ) {
    super(`User ${userId} has more than ${limit} memberships`);
  }
}

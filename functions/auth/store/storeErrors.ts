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

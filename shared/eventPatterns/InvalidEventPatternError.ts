const PREFIX = 'Event pattern is not valid. Reason: ';

/**
 * Thrown when a pattern would be rejected by EventBridge (`InvalidEventPatternException`).
 * `message` follows AWS's wording, `Event pattern is not valid. Reason: ...`; `reason` is the part after it.
 */
export class InvalidEventPatternError extends Error {
  override readonly name = 'InvalidEventPatternError';
  /** Same value AWS puts in the error code, so callers can map it to an API error unchanged. */
  readonly code = 'InvalidEventPatternException';
  readonly reason: string;

  constructor(reason: string) {
    super(`${PREFIX}${reason}`);
    this.reason = reason;
  }
}

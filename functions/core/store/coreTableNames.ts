/** Logical names of core's tables (the manifest declares them; the platform names them). */
export const CORE_TABLES = {
  /** The flow trace: pk `correlationId`, sk `key` (`event#<id>` or `reaction#<id>#<function>#<start>`), TTL. */
  flowTrace: 'flow-trace',
} as const;

import type { z } from 'zod';

/**
 * One event type of the platform: its name (`<owner>.<what>` — the EventBridge detail-type), its single
 * owner module, the contract version and the zod schema of its `data`.
 */
export interface EventContract<Name extends string = string, Schema extends z.ZodType = z.ZodType> {
  readonly name: Name;
  readonly owner: string;
  readonly version: number;
  readonly description: string;
  /** Whether `metadata.bandId` must be set: band-scoped events are routed and isolated per tenant. */
  readonly bandScoped: boolean;
  readonly data: Schema;
}

export const defineEvent = <const Name extends string, Schema extends z.ZodType>(
  contract: EventContract<Name, Schema>,
): EventContract<Name, Schema> => contract;

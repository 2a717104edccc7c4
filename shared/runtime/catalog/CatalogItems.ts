import * as z from 'zod';
import { ModuleHealthStatus } from '../../contracts/events/systemEvents.ts';

/** A module's entry in the service catalog: what it is and how healthy it was last seen. */
export const ModuleEntry = z.object({
  name: z.string(),
  version: z.string(),
  description: z.string(),
  critical: z.boolean(),
  dependencies: z.array(z.string()),
  publishes: z.array(z.string()),
  subscribes: z.array(z.string()),
  routes: z.array(z.object({ method: z.string(), path: z.string(), auth: z.string() })),
  services: z.array(z.string()),
  /** Function name (locally) or ARN (AWS) of the module's health check. */
  healthFunction: z.string(),
  status: ModuleHealthStatus,
  checkedAt: z.string().nullable(),
  latencyMs: z.number().nullable(),
  detail: z.string().nullable(),
});
export type ModuleEntry = z.infer<typeof ModuleEntry>;

/** A service's entry: where to invoke it. */
export const ServiceEntry = z.object({
  module: z.string(),
  name: z.string(),
  version: z.number(),
  operations: z.array(z.string()),
  /** Function name (locally) or ARN (AWS) that serves every operation of the service. */
  functionName: z.string(),
});
export type ServiceEntry = z.infer<typeof ServiceEntry>;

export interface HealthReport {
  readonly status: ModuleHealthStatus;
  readonly checkedAt: string;
  readonly latencyMs: number | null;
  readonly detail: string | null;
}

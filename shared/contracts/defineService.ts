import type { z } from 'zod';

/** One operation of a service: validated input and output. */
export interface ServiceOperation<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly description: string;
  readonly input: I;
  readonly output: O;
}

/**
 * A named set of synchronous operations a module offers to other modules (`services.call`). Contracts live
 * in shared/contracts so a caller needs no import from the provider's folder.
 */
export interface ServiceContract<
  Ops extends Record<string, ServiceOperation> = Record<string, ServiceOperation>,
> {
  readonly module: string;
  readonly name: string;
  readonly version: number;
  readonly description: string;
  readonly operations: Ops;
}

export const defineService = <const Ops extends Record<string, ServiceOperation>>(
  contract: ServiceContract<Ops>,
): ServiceContract<Ops> => contract;

import type { z } from 'zod';
import type { ServiceContract } from './defineService.ts';
import { userService } from './services/authServices.ts';
import { contentService } from './services/contentServices.ts';
import { catalogService } from './services/coreServices.ts';
import { libraryService } from './services/driveServices.ts';

/** Every service contract, by module and service name: `services.call` is typed from this map. */
export const serviceContracts = {
  auth: { user_service: userService },
  core: { catalog_service: catalogService },
  drive: { library_service: libraryService },
  content: { content_service: contentService },
} as const;

type Contracts = typeof serviceContracts;
export type ServiceModule = keyof Contracts;
export type ServiceName<M extends ServiceModule> = keyof Contracts[M] & string;
type ContractOf<M extends ServiceModule, S extends ServiceName<M>> =
  Contracts[M][S] extends ServiceContract<infer Ops> ? Ops : never;
export type OperationName<M extends ServiceModule, S extends ServiceName<M>> = keyof ContractOf<M, S> &
  string;
export type OperationInput<
  M extends ServiceModule,
  S extends ServiceName<M>,
  O extends OperationName<M, S>,
> = ContractOf<M, S>[O] extends { input: infer I extends z.ZodType } ? z.input<I> : never;
export type OperationOutput<
  M extends ServiceModule,
  S extends ServiceName<M>,
  O extends OperationName<M, S>,
> = ContractOf<M, S>[O] extends { output: infer Out extends z.ZodType } ? z.infer<Out> : never;

/** The contract of a service, or undefined when no module declares it. */
export const findServiceContract = (module: string, service: string): ServiceContract | undefined =>
  (serviceContracts as Record<string, Record<string, ServiceContract>>)[module]?.[service];

export const allServiceContracts = (): ServiceContract[] =>
  Object.values(serviceContracts).flatMap((byName) => Object.values(byName) as ServiceContract[]);

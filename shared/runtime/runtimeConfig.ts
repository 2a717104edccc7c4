import { IDEMPOTENCY_TABLE_NAME, PLATFORM_ENV, tableEnvVar } from '../platformModel/modelConstants.ts';

/** A variable the renderers should have set on the function is missing: a deployment bug, said plainly. */
export class MissingRuntimeConfigError extends Error {
  constructor(readonly variable: string) {
    super(`Environment variable ${variable} is not set; the platform renderer sets it on every function.`);
    this.name = 'MissingRuntimeConfigError';
  }
}

const required = (variable: string, env: NodeJS.ProcessEnv): string => {
  const value = env[variable]?.trim();
  if (!value) throw new MissingRuntimeConfigError(variable);
  return value;
};

/**
 * What a function knows about where it runs, read from the environment the renderers set. Read on use,
 * not at import, so tests and the embedded platform can set variables before the first call.
 *
 * @example
 * ```ts
 * const bus = runtimeConfig.eventBusName();
 * ```
 */
export const runtimeConfig = {
  /** The module this function belongs to (`SOLEIL_MODULE`). */
  module: (env: NodeJS.ProcessEnv = process.env): string => required(PLATFORM_ENV.module, env),
  /** The module, or `fallback` when unset: for loggers, which must never stop a function from starting. */
  moduleOr: (fallback: string, env: NodeJS.ProcessEnv = process.env): string =>
    env[PLATFORM_ENV.module]?.trim() || fallback,
  /** The stage (`SOLEIL_STAGE`); required, so a missing setting never passes for the permissive local stage. */
  stage: (env: NodeJS.ProcessEnv = process.env): string => required(PLATFORM_ENV.stage, env),
  eventBusName: (env: NodeJS.ProcessEnv = process.env): string => required(PLATFORM_ENV.eventBusName, env),
  serviceCatalogTable: (env: NodeJS.ProcessEnv = process.env): string =>
    required(PLATFORM_ENV.serviceCatalogTable, env),
  idempotencyTable: (env: NodeJS.ProcessEnv = process.env): string =>
    required(tableEnvVar(IDEMPOTENCY_TABLE_NAME), env),
  /** Physical name of one of the module's own tables. */
  table: (name: string, env: NodeJS.ProcessEnv = process.env): string => required(tableEnvVar(name), env),
} as const;

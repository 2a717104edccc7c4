import * as z from 'zod';
import { defineEvent } from '../defineEvent.ts';
import { IsoDateTime, ModuleName } from '../identifiers.ts';

/** Health of a module as last checked; `unknown` until its first check. */
export const ModuleHealthStatus = z.enum(['ok', 'degraded', 'down', 'unknown']);
export type ModuleHealthStatus = z.infer<typeof ModuleHealthStatus>;

const Problem = z
  .object({
    module: ModuleName,
    code: z.string().min(1).max(100),
    message: z.string().min(1).max(2000),
    correlationId: z.string().max(128).nullable(),
  })
  .strict();

export const systemError = defineEvent({
  name: 'system.error',
  owner: 'core',
  version: 1,
  bandScoped: false,
  description: 'A module reported an error operators should see.',
  data: Problem,
});

export const systemWarning = defineEvent({
  name: 'system.warning',
  owner: 'core',
  version: 1,
  bandScoped: false,
  description: 'A module reported a condition that may need attention.',
  data: Problem,
});

export const healthCheck = defineEvent({
  name: 'system.health_check',
  owner: 'core',
  version: 1,
  bandScoped: false,
  description: 'The platform checked every module’s health.',
  data: z
    .object({
      status: z.enum(['ok', 'degraded', 'down']),
      checkedAt: IsoDateTime,
      modules: z.array(
        z
          .object({
            name: ModuleName,
            version: z.string(),
            critical: z.boolean(),
            status: ModuleHealthStatus,
            latencyMs: z.number().nonnegative().nullable(),
            detail: z.string().max(1000).nullable(),
          })
          .strict(),
      ),
    })
    .strict(),
});

export const moduleRegistered = defineEvent({
  name: 'system.module_registered',
  owner: 'core',
  version: 1,
  bandScoped: false,
  description: 'A module (or a new version of it) was registered in the service catalog.',
  data: z
    .object({ module: ModuleName, version: z.string(), previousVersion: z.string().nullable() })
    .strict(),
});

export const moduleUnregistered = defineEvent({
  name: 'system.module_unregistered',
  owner: 'core',
  version: 1,
  bandScoped: false,
  description: 'A module left the service catalog.',
  data: z.object({ module: ModuleName, version: z.string() }).strict(),
});

export const emergency = defineEvent({
  name: 'system.emergency',
  owner: 'core',
  version: 1,
  bandScoped: false,
  description: 'A critical module is down; the platform is degraded.',
  data: z
    .object({
      reason: z.string().min(1).max(1000),
      affectedModules: z.array(ModuleName).min(1),
      declaredAt: IsoDateTime,
    })
    .strict(),
});

export const systemEvents = [
  systemError,
  systemWarning,
  healthCheck,
  moduleRegistered,
  moduleUnregistered,
  emergency,
] as const;

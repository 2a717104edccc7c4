import * as z from 'zod';

/**
 * The variable that lists the services a function's module may call, as JSON `["module/service", …]`;
 * `functionEnvironment` renders it from the manifest's `uses` and leaves it out when the module uses none.
 */
export const SERVICE_USES_ENV = 'SOLEIL_USES';

/** `SOLEIL_USES` is set but is not a JSON list of `module/service` strings: a renderer bug, said plainly. */
export class InvalidServiceUsesError extends Error {
  constructor(reason: string) {
    super(
      `Environment variable ${SERVICE_USES_ENV} is malformed (${reason}); the platform renderer sets it.`,
    );
    this.name = 'InvalidServiceUsesError';
  }
}

const UsesList = z.array(z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'expected "module/service"'));

/** The `module/service` key a declared use and a call are compared by. */
export const serviceUseKey = (module: string, service: string): string => `${module}/${service}`;

/**
 * The services the running function's module declared in `uses`. An absent variable means "uses nothing",
 * so a function the renderer did not describe fails closed rather than open.
 */
export const readDeclaredUses = (env: NodeJS.ProcessEnv = process.env): readonly string[] => {
  const raw = env[SERVICE_USES_ENV];
  if (raw === undefined || raw.trim() === '') return [];
  let decoded: unknown;
  try {
    decoded = JSON.parse(raw);
  } catch {
    throw new InvalidServiceUsesError('not JSON');
  }
  const parsed = UsesList.safeParse(decoded);
  if (!parsed.success) throw new InvalidServiceUsesError(parsed.error.issues[0]?.message ?? 'not a list');
  return parsed.data;
};

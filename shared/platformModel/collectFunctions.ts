import type { ModuleManifest } from '../contracts/moduleManifest.ts';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS } from './modelConstants.ts';
import type { FunctionModel, FunctionRole } from './PlatformModel.ts';

interface Sized {
  readonly handler: string;
  readonly memoryMb?: number | undefined;
  readonly timeoutSeconds?: number | undefined;
}

/** `handlers/bands/getMembers.handler` → file `handlers/bands/getMembers`, export `handler`. */
export const splitHandlerRef = (ref: string): { file: string; exportName: string } => {
  const dot = ref.lastIndexOf('.');
  return { file: ref.slice(0, dot), exportName: ref.slice(dot + 1) };
};

export const functionIdOf = (module: string, ref: string): string => {
  const { file, exportName } = splitHandlerRef(ref);
  const base = file.replace(/^handlers\//, '').replaceAll('/', '-');
  return exportName === 'handler' ? `${module}-${base}` : `${module}-${base}-${exportName}`;
};

/** One function per distinct handler of a module; a handler used twice is one function sized for both. */
export const collectFunctions = (manifest: ModuleManifest, tableIds: readonly string[]): FunctionModel[] => {
  const byRef = new Map<string, { roles: Set<FunctionRole>; memoryMb: number; timeoutSeconds: number }>();
  const add = (role: FunctionRole, item: Sized): void => {
    const current = byRef.get(item.handler) ?? {
      roles: new Set<FunctionRole>(),
      memoryMb: DEFAULT_MEMORY_MB,
      timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
    };
    current.roles.add(role);
    current.memoryMb = Math.max(current.memoryMb, item.memoryMb ?? 0);
    current.timeoutSeconds = Math.max(current.timeoutSeconds, item.timeoutSeconds ?? 0);
    byRef.set(item.handler, current);
  };
  for (const route of manifest.routes) add('route', route);
  for (const sub of manifest.subscriptions) add('subscription', sub);
  for (const service of manifest.services) add('service', service);
  for (const schedule of manifest.schedules) add('schedule', schedule);
  for (const wsRoute of manifest.webSocketRoutes) add('websocket', wsRoute);
  add('health', manifest.health);
  if (manifest.authorizer) add('authorizer', manifest.authorizer);

  return [...byRef.entries()].map(([ref, sizing]) => {
    const { file, exportName } = splitHandlerRef(ref);
    return {
      id: functionIdOf(manifest.name, ref),
      module: manifest.name,
      handler: ref,
      entry: `functions/${manifest.name}/${file}.ts`,
      exportName,
      roles: [...sizing.roles],
      memoryMb: sizing.memoryMb,
      timeoutSeconds: sizing.timeoutSeconds,
      tables: tableIds,
    };
  });
};

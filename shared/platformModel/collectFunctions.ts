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
  // Declared sizes win over the defaults, even when smaller; a handler declared twice gets the larger.
  const byRef = new Map<string, { roles: Set<FunctionRole>; memoryMb?: number; timeoutSeconds?: number }>();
  const larger = (a: number | undefined, b: number | undefined): number | undefined =>
    a === undefined ? b : b === undefined ? a : Math.max(a, b);
  const add = (role: FunctionRole, item: Sized): void => {
    const current = byRef.get(item.handler) ?? { roles: new Set<FunctionRole>() };
    current.roles.add(role);
    current.memoryMb = larger(current.memoryMb, item.memoryMb);
    current.timeoutSeconds = larger(current.timeoutSeconds, item.timeoutSeconds);
    byRef.set(item.handler, current);
  };
  for (const route of manifest.routes) add('route', route);
  for (const sub of manifest.subscriptions) add('subscription', sub);
  for (const service of manifest.services) add('service', service);
  for (const schedule of manifest.schedules) add('schedule', schedule);
  for (const wsRoute of manifest.webSocketRoutes) add('websocket', wsRoute);
  for (const trigger of manifest.folderTriggers) add('folderTrigger', trigger);
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
      memoryMb: sizing.memoryMb ?? DEFAULT_MEMORY_MB,
      timeoutSeconds: sizing.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      tables: tableIds,
    };
  });
};

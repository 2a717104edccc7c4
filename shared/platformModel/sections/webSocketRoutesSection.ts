import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import { functionIdOf } from '../collectFunctions.ts';
import type { WebSocketRouteModel } from '../PlatformModel.ts';
import type { ModelSection } from './ModelSection.ts';

/** WebSocket routes: one owner per route key. */
export const webSocketRoutesSection = (
  manifests: readonly ModuleManifest[],
): ModelSection<readonly WebSocketRouteModel[]> => {
  const problems: string[] = [];
  const routes: WebSocketRouteModel[] = [];
  const owners = new Map<string, string>();
  for (const m of manifests) {
    for (const r of m.webSocketRoutes) {
      const owner = owners.get(r.routeKey);
      if (owner !== undefined) {
        problems.push(
          `WebSocket route "${r.routeKey}" of module "${m.name}" clashes with module "${owner}": rename one.`,
        );
      }
      owners.set(r.routeKey, m.name);
      routes.push({ module: m.name, routeKey: r.routeKey, functionId: functionIdOf(m.name, r.handler) });
    }
  }
  return { value: routes, problems };
};

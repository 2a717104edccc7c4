import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import { functionIdOf } from '../collectFunctions.ts';
import type { RouteModel } from '../PlatformModel.ts';
import { allowedRoutePrefixes, isInsideModulePaths, routeShape } from '../routeKey.ts';
import type { ModelSection } from './ModelSection.ts';

/** HTTP routes: inside the module's prefix, `/.well-known` ones public, no two on one method and path shape. */
export const routesSection = (manifests: readonly ModuleManifest[]): ModelSection<readonly RouteModel[]> => {
  const problems: string[] = [];
  const routes: RouteModel[] = [];
  const owners = new Map<string, string>();
  for (const m of manifests) {
    const prefixes = allowedRoutePrefixes(m.name);
    for (const r of m.routes) {
      if (!isInsideModulePaths(m.name, r.path)) {
        problems.push(
          `Module "${m.name}" route ${r.method} ${r.path} is outside its paths: start it with ${prefixes.join(' or ')} (or make it ${prefixes[0]?.slice(0, -1)}).`,
        );
      }
      if (r.path.startsWith('/.well-known/') && r.auth !== 'public') {
        problems.push(`Module "${m.name}" route ${r.method} ${r.path}: /.well-known routes must be public.`);
      }
      const shape = routeShape(r.method, r.path);
      const owner = owners.get(shape);
      if (owner !== undefined) {
        problems.push(
          `Route ${r.method} ${r.path} of module "${m.name}" clashes with a route of module "${owner}" ` +
            'on the same method and path: change one of the paths.',
        );
      }
      owners.set(shape, m.name);
      routes.push({
        module: m.name,
        method: r.method,
        path: r.path,
        auth: r.auth,
        description: r.description,
        functionId: functionIdOf(m.name, r.handler),
        localOnly: r.localOnly,
      });
    }
  }
  return { value: routes, problems };
};

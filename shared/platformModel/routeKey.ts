/** Two paths clash when they differ only in parameter names: `/a/{id}` and `/a/{bandId}` are one route. */
export const routeShape = (method: string, path: string): string =>
  `${method} ${path.replace(/\{[^}]+\}/g, '{}')}`;

/** Where a module's HTTP routes may live: its own prefix (core owns `/api/system`), or `/.well-known`. */
export const allowedRoutePrefixes = (module: string): string[] => [
  module === 'core' ? '/api/system/' : `/api/${module}/`,
  '/.well-known/',
];

/** Whether a route of `module` lies in its paths: under a prefix, or the module's own root (`/api/dashboard`). */
export const isInsideModulePaths = (module: string, path: string): boolean => {
  const [own] = allowedRoutePrefixes(module);
  return path === own?.slice(0, -1) || allowedRoutePrefixes(module).some((p) => path.startsWith(p));
};

/** API Gateway's route key of an HTTP route: `POST /api/auth/refresh`. */
export const routeKeyOf = (route: { readonly method: string; readonly path: string }): string =>
  `${route.method} ${route.path}`;

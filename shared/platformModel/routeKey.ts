/** Two paths clash when they differ only in parameter names: `/a/{id}` and `/a/{bandId}` are one route. */
export const routeShape = (method: string, path: string): string =>
  `${method} ${path.replace(/\{[^}]+\}/g, '{}')}`;

/** Where a module's HTTP routes may live: its own prefix (core owns `/api/system`), or `/.well-known`. */
export const allowedRoutePrefixes = (module: string): string[] => [
  module === 'core' ? '/api/system/' : `/api/${module}/`,
  '/.well-known/',
];

import type { RouteModel } from '../../../shared/platformModel/PlatformModel.ts';

/** A request matched to a route of the model. */
export interface MatchedRoute {
  readonly route: RouteModel;
  /** API Gateway route key, e.g. `GET /api/auth/bands/{bandId}`. */
  readonly routeKey: string;
  /** Decoded path parameter values by name; empty when the route has none. */
  readonly pathParameters: Readonly<Record<string, string>>;
}

interface CompiledRoute {
  readonly route: RouteModel;
  readonly routeKey: string;
  readonly segments: readonly ({ literal: string } | { param: string })[];
}

/**
 * The HTTP routes of the model, matched as API Gateway HTTP APIs match them: method and path, a literal
 * segment wins over a `{param}` at the same position (most specific route first).
 */
export class HttpRouteTable {
  private readonly routes: readonly CompiledRoute[];

  constructor(routes: readonly RouteModel[]) {
    this.routes = routes.map((route) => ({
      route,
      routeKey: `${route.method} ${route.path}`,
      segments: splitPath(route.path).map((segment) => {
        const param = /^\{(.+)\}$/.exec(segment)?.[1];
        return param === undefined ? { literal: segment } : { param };
      }),
    }));
  }

  /** Finds the route for a method and a raw (still encoded) path, or `undefined` (API Gateway answers 404). */
  match(method: string, rawPath: string): MatchedRoute | undefined {
    // Decoding per segment keeps an encoded `/` (%2F) inside its parameter.
    const requestSegments = splitPath(rawPath).map(decodePathSegment);
    let best: { compiled: CompiledRoute; params: Record<string, string>; score: string } | undefined;
    for (const compiled of this.routes) {
      if (compiled.route.method !== method || compiled.segments.length !== requestSegments.length) continue;
      const params: Record<string, string> = {};
      let score = '';
      const matches = compiled.segments.every((segment, index) => {
        const value = requestSegments[index] ?? '';
        if ('literal' in segment) {
          score += '1';
          return segment.literal === value;
        }
        score += '0';
        params[segment.param] = value;
        return value.length > 0;
      });
      // Scores compare lexically: a literal earlier in the path makes a route more specific.
      if (matches && (best === undefined || score > best.score)) best = { compiled, params, score };
    }
    if (best === undefined) return undefined;
    return { route: best.compiled.route, routeKey: best.compiled.routeKey, pathParameters: best.params };
  }
}

const splitPath = (path: string): string[] => path.split('/').slice(1);

/** Decodes `%xx` escapes; a malformed escape is kept as written rather than failing the request. */
export const decodePathSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

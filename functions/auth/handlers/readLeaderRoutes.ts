import * as z from 'zod';

const LeaderRoutes = z.array(z.string().regex(/^[A-Z]+ \/\S*$/));
let cache: { raw: string | undefined; routes: ReadonlySet<string> } | undefined;

/** Thrown when `SOLEIL_LEADER_ROUTES` is unreadable: failing loudly beats silently opening leader routes. */
export class InvalidLeaderRoutesError extends Error {
  override readonly name = 'InvalidLeaderRoutesError';
}

/** The leader route keys (`"METHOD /path"`) the renderer set in `SOLEIL_LEADER_ROUTES` (a JSON array). */
export const readLeaderRoutes = (raw: string | undefined): ReadonlySet<string> => {
  if (cache && cache.raw === raw) return cache.routes;
  // Unset means a renderer forgot it: refusing every leader route then is safer than treating them as user routes.
  if (raw === undefined) throw new InvalidLeaderRoutesError('SOLEIL_LEADER_ROUTES is not set');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new InvalidLeaderRoutesError('SOLEIL_LEADER_ROUTES is not JSON');
  }
  const routes = LeaderRoutes.safeParse(parsed);
  if (!routes.success)
    throw new InvalidLeaderRoutesError('SOLEIL_LEADER_ROUTES must be a JSON array of "METHOD /path"');
  cache = { raw, routes: new Set(routes.data) };
  return cache.routes;
};

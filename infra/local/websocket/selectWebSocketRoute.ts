/** Route keys API Gateway reserves for the connection's life cycle; a message never selects them. */
const LIFECYCLE_ROUTES = new Set(['$connect', '$disconnect']);

/**
 * Selects the route of a message with the route selection expression `$request.body.action`: the route
 * named by the JSON body's `action` when declared, else `$default` when declared, else `undefined`
 * (API Gateway then answers the client `Forbidden`).
 */
export const selectWebSocketRoute = (
  declaredRouteKeys: ReadonlySet<string>,
  message: { data: Buffer; isBinary: boolean },
): string | undefined => {
  const action = message.isBinary ? undefined : actionOf(message.data.toString('utf8'));
  if (
    action !== undefined &&
    !LIFECYCLE_ROUTES.has(action) &&
    action !== '$default' &&
    declaredRouteKeys.has(action)
  ) {
    return action;
  }
  return declaredRouteKeys.has('$default') ? '$default' : undefined;
};

const actionOf = (text: string): string | undefined => {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    const action = (JSON.parse(text) as { action?: unknown }).action;
    return typeof action === 'string' ? action : undefined;
  } catch {
    return undefined;
  }
};

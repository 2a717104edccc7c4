const common = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
} as const;

/** JSON access log line of the HTTP API stage (API Gateway `$context` variables). */
export const httpAccessLogFormat = JSON.stringify({
  ...common,
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
});

/** JSON access log line of the WebSocket API stage. */
export const webSocketAccessLogFormat = JSON.stringify({
  ...common,
  eventType: '$context.eventType',
  connectionId: '$context.connectionId',
});

/**
 * What both renderers' HTTP edges allow a cross-origin browser: API Gateway's `corsPreflight` in AWS and the
 * embedded HTTP server locally, so a front end behaves the same against either.
 */
export const CORS_ALLOWED = {
  methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  // `*` in allow-headers does not cover Authorization, so it is named.
  headers: ['authorization', 'content-type', 'x-correlation-id'],
  exposeHeaders: ['apigw-requestid', 'x-correlation-id'],
  maxAgeSeconds: 300,
} as const;

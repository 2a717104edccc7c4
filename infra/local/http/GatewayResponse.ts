import type { GATEWAY_MESSAGES } from './apiGatewayConstants.ts';

/** A response the edge writes to the client. Header names lower-case; `set-cookie` may repeat. */
export interface GatewayResponse {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
}

/** API Gateway's own JSON error body, e.g. `{"message":"Not Found"}`. */
export const gatewayError = (
  status: number,
  message: (typeof GATEWAY_MESSAGES)[keyof typeof GATEWAY_MESSAGES],
): GatewayResponse => ({
  status,
  headers: [['content-type', 'application/json']],
  body: Buffer.from(JSON.stringify({ message })),
});

import { GATEWAY_MESSAGES } from './apiGatewayConstants.ts';
import type { GatewayResponse } from './GatewayResponse.ts';
import { gatewayError } from './GatewayResponse.ts';

/**
 * Turns a route function's result into the HTTP response, as HTTP APIs interpret payload format 2.0:
 * an object with `statusCode` is a structured response (`headers`, `cookies` → `set-cookie`, `body`,
 * `isBase64Encoded`); any other result is JSON that API Gateway returns as a 200 `application/json` body.
 * A malformed structured response is a 500, as API Gateway reports it.
 */
export const mapLambdaResult = (result: unknown): GatewayResponse => {
  if (!isStructured(result)) {
    // `undefined` (a handler returning nothing) reaches API Gateway as JSON null.
    return {
      status: 200,
      headers: [['content-type', 'application/json']],
      body: Buffer.from(JSON.stringify(result ?? null)),
    };
  }
  const { statusCode, headers = {}, cookies = [], body, isBase64Encoded = false } = result;
  if (
    typeof statusCode !== 'number' ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599 ||
    typeof headers !== 'object' ||
    headers === null ||
    !Array.isArray(cookies) ||
    (body !== undefined && body !== null && typeof body !== 'string')
  ) {
    return gatewayError(500, GATEWAY_MESSAGES.internalError);
  }
  const responseHeaders: [string, string][] = [];
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    responseHeaders.push([name.toLowerCase(), String(value)]);
  }
  for (const cookie of cookies) responseHeaders.push(['set-cookie', String(cookie)]);
  const text = typeof body === 'string' ? body : '';
  return {
    status: statusCode,
    headers: responseHeaders,
    body: Buffer.from(text, isBase64Encoded === true ? 'base64' : 'utf8'),
  };
};

interface StructuredResult {
  statusCode: unknown;
  headers?: unknown;
  cookies?: unknown;
  body?: unknown;
  isBase64Encoded?: unknown;
}

const isStructured = (result: unknown): result is StructuredResult =>
  typeof result === 'object' && result !== null && !Array.isArray(result) && 'statusCode' in result;

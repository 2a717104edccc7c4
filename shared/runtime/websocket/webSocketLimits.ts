/**
 * Largest message API Gateway accepts on a WebSocket connection, in either direction (128 KB): a bigger
 * PostToConnection is refused with 413 and a bigger client frame closes the connection (1009).
 */
export const WEBSOCKET_MAX_MESSAGE_BYTES = 128 * 1024;

/**
 * The standard `AWS_ENDPOINT_URL_<SERVICE>` variable that points the SDK's API Gateway management client at
 * the WebSocket API (`https://{api}.execute-api.{region}.amazonaws.com/{stage}` in AWS, set by the CDK
 * stack; the local AWS endpoint on the embedded platform).
 */
export const MANAGEMENT_ENDPOINT_ENV = 'AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI';

/** How many PostToConnection calls a broadcast keeps in flight by default. */
export const DEFAULT_BROADCAST_CONCURRENCY = 10;

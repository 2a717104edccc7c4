/**
 * The handler kit: what every module's handlers import. Thin adapters (HTTP, events, services, health,
 * schedules, WebSocket, the authorizer), the publisher, the transactional outbox, the service client, the
 * connection notifier, storage helpers, the dependency container, named errors with the one mapping to
 * problem+json, logging and metrics.
 */

export {
  type PolicyAuthorizerResponse,
  type SimpleAuthorizerResponse,
  UNAUTHORIZED,
  WEBSOCKET_TOKEN_PARAMETER,
} from './authorizer/authorizerEvents.ts';
export {
  AUTHORIZER_FAILURES_METRIC,
  AUTHORIZER_REFUSALS_METRIC,
  type AuthorizationRequest,
  type AuthorizerHandlerOptions,
  type AuthorizerLambdaHandler,
  type AuthorizerVerdict,
  authorizerHandler,
} from './authorizer/authorizerHandler.ts';
export {
  type DependencyContainer,
  DependencyCycleError,
  type DependencyFactories,
  dependencyContainer,
} from './container/dependencyContainer.ts';

export {
  EventTooLargeError,
  EventValidationError,
  type FailedEventEntry,
  ForeignEventError,
  HopLimitExceededError,
  PublishFailedError,
} from './errors/eventErrors.ts';
export {
  isPlatformError,
  PlatformError,
  type PlatformErrorOptions,
  PROBLEM_TYPE_BASE,
} from './errors/PlatformError.ts';
export {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  TooManyRequestsError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from './errors/requestErrors.ts';
export { PROBLEM_CONTENT_TYPE, type Problem, retryAfterSeconds, toProblem } from './errors/toProblem.ts';
export {
  DEPENDENCY_RETRY_AFTER_SECONDS,
  DependencyUnavailableError,
  ServiceCallError,
  type ServiceCallTarget,
  ServiceUnavailableError,
  UnknownServiceError,
  UpstreamTimeoutError,
} from './errors/upstreamErrors.ts';
export { type FieldIssue, fieldIssuesFromZod, ValidationError } from './errors/ValidationError.ts';
export {
  batchEntries,
  entrySize,
  PUT_EVENTS_MAX_BYTES,
  PUT_EVENTS_MAX_ENTRIES,
} from './events/batchEntries.ts';
export type { PublishOptions } from './events/buildEventDetail.ts';
export {
  type EventHandlerOptions,
  type EventLambdaHandler,
  eventHandler,
  type ReceivedEvent,
  type RepeatGuard,
} from './events/eventHandler.ts';
export {
  type EventObserverOptions,
  eventObserverHandler,
  type ObservedEvent,
} from './events/eventObserverHandler.ts';
export type { EventToPublish, Publisher } from './events/PublisherTypes.ts';
export { type ParsedPlatformEvent, parseEventBridgeEvent } from './events/parseEventBridgeEvent.ts';
export { createPublisher, type PublisherOptions } from './events/publisher.ts';
export {
  busReactionReporter,
  defaultReactionReporter,
  type ReactionReporter,
} from './events/reactionReporter.ts';
export {
  FOLDER_TRIGGER_FAILURES_METRIC,
  FolderTriggerEvent,
  type FolderTriggerLambdaHandler,
  type FolderTriggerRun,
  folderTriggerHandler,
} from './folderTrigger/folderTriggerHandler.ts';
export { type HealthAnswer, type HealthCheckResult, healthHandler } from './health/healthHandler.ts';
export { requireBandRole, requireIdentity } from './http/bandAccess.ts';
export { CORRELATION_ID_HEADER } from './http/correlationId.ts';
export type { HttpEvent, HttpRequest, HttpResult, RawParameters } from './http/HttpRequest.ts';
export { type HttpHandlerOptions, type HttpLambdaHandler, httpHandler } from './http/httpHandler.ts';
export { DEFAULT_MAX_BODY_BYTES } from './http/readJsonBody.ts';
export { currentCorrelationId } from './observability/currentInvocation.ts';
export { createLogger } from './observability/logger.ts';
export { createMetrics, METRICS_NAMESPACE } from './observability/metrics.ts';
export { DynamoDbOutboxStore } from './outbox/DynamoDbOutboxStore.ts';
export { createOutbox, type Outbox, type OutboxOptions, outboxOver } from './outbox/Outbox.ts';
export { type OutboxEvent, type OutboxEventOptions, outboxEvent } from './outbox/OutboxEvent.ts';
export type { OutboxStore } from './outbox/OutboxStore.ts';
export {
  OUTBOX_DRAIN_AFTER_MS,
  OUTBOX_PUBLISH_FAILED_METRIC,
  OUTBOX_REPUBLISHED_METRIC,
  OUTBOX_RETENTION_SECONDS,
} from './outbox/outboxConstants.ts';
export { outboxPuts } from './outbox/outboxItems.ts';
export {
  type DrainReport,
  drainOutbox,
  type OutboxRelayDependencies,
  publishCommitted,
} from './outbox/outboxRelay.ts';
export { InvalidRuntimeConfigError, MissingRuntimeConfigError, runtimeConfig } from './runtimeConfig.ts';
export {
  SCHEDULE_FAILURES_METRIC,
  type ScheduleHandlerOptions,
  type ScheduleLambdaHandler,
  type ScheduleRun,
  scheduleHandler,
} from './schedule/scheduleHandler.ts';
export { CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './services/CircuitBreaker.ts';
export {
  createServiceClient,
  SERVICE_CALL_LATENCY_METRIC,
  type ServiceCallOptions,
  type ServiceClient,
  type ServiceClientOptions,
} from './services/ServiceClient.ts';
export { ServiceInvocation, ServiceResponse } from './services/ServiceInvocation.ts';
export {
  type ServiceCallContext,
  ServiceContractViolationError,
  type ServiceImplementation,
  type ServiceLambdaHandler,
  serviceHandler,
} from './services/serviceHandler.ts';
export { services } from './services/services.ts';
export { UndeclaredServiceCallError } from './services/UndeclaredServiceCallError.ts';
export { BatchWriteIncompleteError, batchWriteAll } from './storage/batchWriteAll.ts';
export { documentClient } from './storage/documentClient.ts';
export { failedConditions } from './storage/failedConditions.ts';
export { isConditionalFailure } from './storage/isConditionalFailure.ts';
export type { TransactWriteItem } from './storage/TransactWriteItem.ts';
export {
  type BroadcastResult,
  type ConnectionInfo,
  ConnectionNotifier,
  type ConnectionNotifierOptions,
  type SendOutcome,
} from './websocket/ConnectionNotifier.ts';
export {
  ConnectionApiError,
  type ConnectionOperation,
  WebSocketMessageTooLargeError,
} from './websocket/connectionErrors.ts';
export { encodeMessage } from './websocket/encodeMessage.ts';
export type {
  WebSocketAuthorizerContext,
  WebSocketErrorFrame,
  WebSocketEvent,
  WebSocketEventType,
  WebSocketRequest,
  WebSocketResult,
} from './websocket/WebSocketRequest.ts';
export {
  type WebSocketHandlerOptions,
  type WebSocketLambdaHandler,
  webSocketHandler,
} from './websocket/webSocketHandler.ts';
export {
  DEFAULT_BROADCAST_CONCURRENCY,
  MAX_BROADCAST_CONCURRENCY,
  WEBSOCKET_MAX_MESSAGE_BYTES,
} from './websocket/webSocketLimits.ts';
export type { WebSocketResponse } from './websocket/webSocketResponse.ts';

import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { LogGroupLogDestination, WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { WebSocketRouteModel } from '../../shared/platformModel/PlatformModel.ts';
import { webSocketAccessLogFormat } from './accessLogFormat.ts';

/** The stage every deployment uses; the management endpoint includes it. */
const STAGE_NAME = 'live';
/** The route that carries the authorizer. */
export const CONNECT_ROUTE = '$connect';

/** Thrown at synth when the model's WebSocket routes cannot be deployed safely. */
export class InvalidWebSocketRoutesError extends Error {
  override readonly name = 'InvalidWebSocketRoutesError';
}

export interface WebSocketApiConstructProps {
  /**
   * The model's WebSocket routes (must include `$connect`, which carries the authorizer); the stacks of the
   * modules that serve them render them (ModuleWebSocketRoutes).
   */
  readonly routes: readonly WebSocketRouteModel[];
  /** Whether a module provides the authorizer: required, an unauthorized `$connect` would let anyone in. */
  readonly authorizerProvided: boolean;
  /**
   * @default { rateLimit: 20, burstLimit: 40 }
   */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * @default RetentionDays.TWO_WEEKS
   */
  readonly logRetention?: RetentionDays;
}

/**
 * The WebSocket API of the root stack: the API and a stage with throttling and JSON access logs. Its routes
 * live in the stack of the module that serves them (ModuleWebSocketRoutes), the authorizer on `$connect` in
 * the stack of the module that provides it (EdgeAuthorizers).
 */
export class WebSocketApiConstruct extends Construct {
  readonly api: WebSocketApi;
  readonly stage: WebSocketStage;

  constructor(scope: Construct, id: string, props: WebSocketApiConstructProps) {
    super(scope, id);
    if (!props.routes.some((r) => r.routeKey === CONNECT_ROUTE)) {
      throw new InvalidWebSocketRoutesError(
        `WebSocket routes are declared (${props.routes.map((r) => r.routeKey).join(', ')}) but none is "$connect": ` +
          'declare a $connect route in the module that owns the WebSocket routes, so connections are authorized.',
      );
    }
    if (!props.authorizerProvided) {
      throw new InvalidWebSocketRoutesError(
        'WebSocket routes are declared but no module declares an authorizer: add `authorizer: { handler }` to ' +
          'the manifest of the module that authenticates (auth).',
      );
    }

    this.api = new WebSocketApi(this, 'Api', { description: 'SOLEil WebSocket API' });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? RetentionDays.TWO_WEEKS,
    });
    this.stage = new WebSocketStage(this, 'Stage', {
      webSocketApi: this.api,
      stageName: STAGE_NAME,
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 20, burstLimit: 40 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(webSocketAccessLogFormat),
      },
    });
  }

  /** The `wss://` URL clients connect to. */
  get url(): string {
    return this.stage.url;
  }

  /** The `https://` endpoint of the management API (PostToConnection and friends). */
  get managementEndpoint(): string {
    return this.stage.callbackUrl;
  }

  /** Lets `grantee` post to, read and close this API's connections (`execute-api:ManageConnections`). */
  grantManageConnections(grantee: IGrantable): void {
    this.stage.grantManagementApiAccess(grantee);
  }
}

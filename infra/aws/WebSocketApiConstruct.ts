import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  LogGroupLogDestination,
  WebSocketApi,
  type WebSocketRoute,
  WebSocketStage,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { WebSocketRouteModel } from '../../shared/platformModel/PlatformModel.ts';
import { WEBSOCKET_TOKEN_PARAMETER } from '../../shared/runtime/authorizer/authorizerEvents.ts';
import { webSocketAccessLogFormat } from './accessLogFormat.ts';

/** The stage every deployment uses; the management endpoint includes it. */
const STAGE_NAME = 'live';
const CONNECT_ROUTE = '$connect';
/** Routes whose response API Gateway never sends to the client (the connection is opening or gone). */
const ONE_WAY_ROUTES: ReadonlySet<string> = new Set([CONNECT_ROUTE, '$disconnect']);

/** Thrown at synth when the model's WebSocket routes cannot be deployed safely. */
export class InvalidWebSocketRoutesError extends Error {
  override readonly name = 'InvalidWebSocketRoutesError';
}

export interface WebSocketApiConstructProps {
  /** The model's WebSocket routes (must include `$connect`, which carries the authorizer). */
  readonly routes: readonly WebSocketRouteModel[];
  readonly functionFor: (functionId: string) => IFunction;
  /** The model's authorizer function: required, an unauthorized `$connect` would let anyone in. */
  readonly authorizerFunction: IFunction | undefined;
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
 * The WebSocket API: the model's WebSocket routes (two-way, except `$connect`/`$disconnect`), the model's
 * authorizer on `$connect` (token from the `token` query string parameter), a stage with throttling and JSON
 * access logs.
 */
export class WebSocketApiConstruct extends Construct {
  readonly api: WebSocketApi;
  readonly stage: WebSocketStage;
  readonly routes: ReadonlyMap<string, WebSocketRoute>;

  constructor(scope: Construct, id: string, props: WebSocketApiConstructProps) {
    super(scope, id);
    if (!props.routes.some((r) => r.routeKey === CONNECT_ROUTE)) {
      throw new InvalidWebSocketRoutesError(
        `WebSocket routes are declared (${props.routes.map((r) => r.routeKey).join(', ')}) but none is "$connect": ` +
          'declare a $connect route in the module that owns the WebSocket routes, so connections are authorized.',
      );
    }
    if (!props.authorizerFunction) {
      throw new InvalidWebSocketRoutesError(
        'WebSocket routes are declared but no module declares an authorizer: add `authorizer: { handler }` to ' +
          'the manifest of the module that authenticates (auth).',
      );
    }
    const authorizer = new WebSocketLambdaAuthorizer('Authorizer', props.authorizerFunction, {
      identitySource: [`route.request.querystring.${WEBSOCKET_TOKEN_PARAMETER}`],
    });

    this.api = new WebSocketApi(this, 'Api', { description: 'SOLEil WebSocket API' });
    const routes = new Map<string, WebSocketRoute>();
    for (const model of props.routes) {
      const route = this.api.addRoute(model.routeKey, {
        integration: new WebSocketLambdaIntegration(
          `Integration-${model.routeKey}`,
          props.functionFor(model.functionId),
        ),
        ...(model.routeKey === CONNECT_ROUTE ? { authorizer } : {}),
        // A two-way route sends the handler's answer (the kit's replies and error frames) back to the
        // client, as the embedded platform always does.
        ...(ONE_WAY_ROUTES.has(model.routeKey) ? {} : { returnResponse: true }),
      });
      routes.set(model.routeKey, route);
    }
    this.routes = routes;

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

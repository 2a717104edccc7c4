import { type IWebSocketRouteAuthorizer, WebSocketRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { WebSocketRouteModel } from '../../shared/platformModel/PlatformModel.ts';
import {
  CONNECT_ROUTE,
  InvalidWebSocketRoutesError,
  type WebSocketApiConstruct,
} from './WebSocketApiConstruct.ts';

/** Routes whose response API Gateway never sends to the client (the connection is opening or gone). */
const ONE_WAY_ROUTES: ReadonlySet<string> = new Set([CONNECT_ROUTE, '$disconnect']);

export interface ModuleWebSocketRoutesProps {
  /** The platform's WebSocket API (in the root stack). */
  readonly webSocketApi: WebSocketApiConstruct;
  /** The module's WebSocket routes. */
  readonly routes: readonly WebSocketRouteModel[];
  /** The module's function behind a model function id. */
  readonly functionFor: (functionId: string) => IFunction;
  /**
   * The Lambda authorizer of `$connect`.
   * @default none: the module may not serve `$connect`
   */
  readonly authorizer?: IWebSocketRouteAuthorizer;
}

/**
 * One module's WebSocket routes on the platform's API (two-way, except `$connect`/`$disconnect`), each with its
 * Lambda integration and permission, and the authorizer on `$connect`. Rendered in the module's stack.
 */
export class ModuleWebSocketRoutes extends Construct {
  readonly routes: ReadonlyMap<string, WebSocketRoute>;

  constructor(scope: Construct, id: string, props: ModuleWebSocketRoutesProps) {
    super(scope, id);
    const routes = new Map<string, WebSocketRoute>();
    for (const model of props.routes) {
      const connect = model.routeKey === CONNECT_ROUTE;
      if (connect && !props.authorizer) {
        throw new InvalidWebSocketRoutesError(
          `${model.module} serves $connect, but no authorizer was given to its stack: connections would not be authorized.`,
        );
      }
      // WebSocketApi.addRoute would render the route in the API's scope (the root); the id is the one it gives.
      const route = new WebSocketRoute(this, `${model.routeKey}-Route`, {
        webSocketApi: props.webSocketApi.api,
        routeKey: model.routeKey,
        integration: new WebSocketLambdaIntegration(
          `Integration-${model.routeKey}`,
          props.functionFor(model.functionId),
        ),
        ...(connect ? { authorizer: props.authorizer } : {}),
        // A two-way route sends the handler's answer (the kit's replies and error frames) back to the
        // client, as the embedded platform always does.
        ...(ONE_WAY_ROUTES.has(model.routeKey) ? {} : { returnResponse: true }),
      });
      routes.set(model.routeKey, route);
    }
    this.routes = routes;
  }
}

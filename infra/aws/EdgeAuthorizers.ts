import { Duration, Stack } from 'aws-cdk-lib';
import {
  AuthorizerPayloadVersion,
  HttpAuthorizer,
  HttpAuthorizerType,
  type IHttpApi,
  type IHttpRouteAuthorizer,
  type IWebSocketApi,
  type IWebSocketRouteAuthorizer,
  WebSocketAuthorizer,
  WebSocketAuthorizerType,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { WEBSOCKET_TOKEN_PARAMETER } from '../../shared/runtime/authorizer/authorizerEvents.ts';

/** How a route names a Lambda authorizer (its `AuthorizationType`). */
const CUSTOM = 'CUSTOM';

export interface EdgeAuthorizersProps {
  /** The model's authorizer function (its module's stack holds this construct). */
  readonly function: IFunction;
  readonly httpApi: IHttpApi;
  /** @default none: no WebSocket authorizer */
  readonly webSocketApi?: IWebSocketApi;
}

/**
 * The Lambda authorizers of both edges — the HTTP API's (simple responses, Authorization header, no result
 * caching) and the WebSocket API's on `$connect` (token from the `token` query string parameter) — and the
 * permissions that let API Gateway call the function.
 *
 * They live in the stack of the module that provides the authorizer function, not in the root: that module's
 * own guarded routes use them, so an authorizer in the root would make the module's stack and the root refer to
 * each other. Other modules' routes refer to them through the root (CDK passes the ids as parameters).
 */
export class EdgeAuthorizers extends Construct {
  /** What a non-public HTTP route is authorized by. */
  readonly http: IHttpRouteAuthorizer;
  /** What a `$connect` route is authorized by; absent without a WebSocket API. */
  readonly webSocket: IWebSocketRouteAuthorizer | undefined;

  constructor(scope: Construct, id: string, props: EdgeAuthorizersProps) {
    super(scope, id);
    const fn = props.function;
    const stack = Stack.of(this);
    const authorizerUri = `arn:${stack.partition}:apigateway:${stack.region}:lambda:path/2015-03-31/functions/${fn.functionArn}/invocations`;
    const allowApiGateway = (permissionId: string, apiId: string, authorizerId: string): void => {
      fn.addPermission(permissionId, {
        scope: this,
        principal: new ServicePrincipal('apigateway.amazonaws.com'),
        sourceArn: stack.formatArn({
          service: 'execute-api',
          resource: apiId,
          resourceName: `authorizers/${authorizerId}`,
        }),
      });
    };

    // The authorizer decides per route (leader routes need the band's leader role), so a cached answer
    // for one route must not be reused for another: no result caching.
    const http = new HttpAuthorizer(this, 'Http', {
      httpApi: props.httpApi,
      authorizerName: 'Authorizer',
      type: HttpAuthorizerType.LAMBDA,
      identitySource: ['$request.header.Authorization'],
      enableSimpleResponses: true,
      payloadFormatVersion: AuthorizerPayloadVersion.VERSION_2_0,
      authorizerUri,
      resultsCacheTtl: Duration.seconds(0),
    });
    allowApiGateway('HttpPermission', props.httpApi.apiId, http.authorizerId);
    this.http = { bind: () => ({ authorizerId: http.authorizerId, authorizationType: CUSTOM }) };

    const webSocketApi = props.webSocketApi;
    if (webSocketApi) {
      const webSocket = new WebSocketAuthorizer(this, 'WebSocket', {
        webSocketApi,
        authorizerName: 'Authorizer',
        type: WebSocketAuthorizerType.LAMBDA,
        identitySource: [`route.request.querystring.${WEBSOCKET_TOKEN_PARAMETER}`],
        authorizerUri,
      });
      allowApiGateway('WebSocketPermission', webSocketApi.apiId, webSocket.authorizerId);
      this.webSocket = { bind: () => ({ authorizerId: webSocket.authorizerId, authorizationType: CUSTOM }) };
    } else {
      this.webSocket = undefined;
    }
  }
}

import {
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { RouteModel } from '../../shared/platformModel/PlatformModel.ts';
import { type HttpApiConstruct, MissingAuthorizerError, type RenderedHttpRoute } from './HttpApiConstruct.ts';

export interface ModuleHttpRoutesProps {
  /** The platform's HTTP API (in the root stack). */
  readonly httpApi: HttpApiConstruct;
  /** The module's deployed routes (no `localOnly` one). */
  readonly routes: readonly RouteModel[];
  /** The module's function behind a model function id. */
  readonly functionFor: (functionId: string) => IFunction;
  /**
   * The Lambda authorizer of non-public routes.
   * @default none: every route must be public
   */
  readonly authorizer?: IHttpRouteAuthorizer;
}

/**
 * One module's HTTP routes on the platform's API: a route per model route, one Lambda integration per function,
 * the permission for API Gateway to invoke it on that route, and the authorizer on every non-public route.
 * Rendered in the module's stack, next to the functions they invoke, so the root stack does not grow with the
 * routes.
 */
export class ModuleHttpRoutes extends Construct {
  readonly routes: readonly RenderedHttpRoute[];

  constructor(scope: Construct, id: string, props: ModuleHttpRoutesProps) {
    super(scope, id);
    const integrations = new Map<string, HttpLambdaIntegration>();
    const integrationFor = (functionId: string): HttpLambdaIntegration => {
      const existing = integrations.get(functionId);
      if (existing) return existing;
      const created = new HttpLambdaIntegration(`Integration-${functionId}`, props.functionFor(functionId));
      integrations.set(functionId, created);
      return created;
    };
    const authorizerFor = (model: RouteModel): IHttpRouteAuthorizer => {
      if (model.auth === 'public') return new HttpNoneAuthorizer();
      if (!props.authorizer) {
        throw new MissingAuthorizerError(
          `Route ${model.method} ${model.path} of ${model.module} needs an authorizer, but none was given to its stack.`,
        );
      }
      return props.authorizer;
    };

    this.routes = props.routes.map((model) => {
      const method = HttpMethod[model.method as keyof typeof HttpMethod];
      // The id HttpApi.addRoutes gives a route: method and path (constructs turn the slashes into "--").
      const route = new HttpRoute(this, `${method}${model.path}`, {
        httpApi: props.httpApi.api,
        routeKey: HttpRouteKey.with(model.path, method),
        integration: integrationFor(model.functionId),
        authorizer: authorizerFor(model),
      });
      const rendered = { model, route };
      props.httpApi.routeRendered(rendered);
      return rendered;
    });
  }
}

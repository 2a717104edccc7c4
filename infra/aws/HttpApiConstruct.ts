import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnRoute,
  type CfnStage,
  type CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Metric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CORS_ALLOWED } from '../../shared/platformModel/corsAllowed.ts';
import type { RouteModel, ThrottlingModel } from '../../shared/platformModel/PlatformModel.ts';
import { routeKeyOf } from '../../shared/platformModel/routeKey.ts';
import { httpAccessLogFormat } from './accessLogFormat.ts';

/** Thrown at synth when the model has routes that need an authorizer but no module provides one. */
export class MissingAuthorizerError extends Error {
  override readonly name = 'MissingAuthorizerError';
}

export interface HttpApiConstructProps {
  /** The model's routes; `localOnly` ones are left out here. */
  readonly routes: readonly RouteModel[];
  /** The function behind a model function id. */
  readonly functionFor: (functionId: string) => IFunction;
  /** The model's authorizer function, if a module provides one. */
  readonly authorizerFunction: IFunction | undefined;
  /** The model's throttling: the stage's default route limits, and the routes limited more tightly. */
  readonly throttling: ThrottlingModel;
  /**
   * Retention of the access logs.
   * @default RetentionDays.TWO_WEEKS
   */
  readonly logRetention?: RetentionDays;
  /**
   * Browser origins allowed cross-origin; API Gateway then answers preflights itself, with the methods and
   * headers the embedded platform allows.
   * @default none: no CORS
   */
  readonly corsAllowOrigins?: readonly string[];
}

/** One model route rendered, with the API route it became. */
export interface RenderedHttpRoute {
  readonly model: RouteModel;
  readonly route: HttpRoute;
}

/**
 * The HTTP API: every deployed route of every module, the model's Lambda authorizer on every non-public
 * route (simple responses, Authorization header), a `$default` stage with the model's throttling (default
 * route limits, and per-route limits where a manifest declares them) and JSON access logs.
 */
export class HttpApiConstruct extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly routes: readonly RenderedHttpRoute[];

  constructor(scope: Construct, id: string, props: HttpApiConstructProps) {
    super(scope, id);
    const deployed = props.routes.filter((r) => !r.localOnly);
    const guarded = deployed.filter((r) => r.auth !== 'public');
    if (guarded.length > 0 && !props.authorizerFunction) {
      throw new MissingAuthorizerError(
        `Routes ${guarded.map((r) => `${r.method} ${r.path}`).join(', ')} need an authorizer, but no module ` +
          'declares one: add `authorizer: { handler }` to the manifest of the module that authenticates (auth).',
      );
    }

    const origins = props.corsAllowOrigins ?? [];
    this.api = new HttpApi(this, 'Api', {
      createDefaultStage: false,
      description: 'SOLEil HTTP API',
      ...(origins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: [...origins],
              allowMethods: CORS_ALLOWED.methods.map((m) => m as CorsHttpMethod),
              allowHeaders: [...CORS_ALLOWED.headers],
              exposeHeaders: [...CORS_ALLOWED.exposeHeaders],
              maxAge: Duration.seconds(CORS_ALLOWED.maxAgeSeconds),
            },
          }
        : {}),
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? RetentionDays.TWO_WEEKS,
    });
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { ...props.throttling.default },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(httpAccessLogFormat),
      },
    });

    // The authorizer decides per route (leader routes need the band's leader role), so a cached answer
    // for one route must not be reused for another: no result caching.
    const authorizer = props.authorizerFunction
      ? new HttpLambdaAuthorizer('Authorizer', props.authorizerFunction, {
          responseTypes: [HttpLambdaResponseType.SIMPLE],
          identitySource: ['$request.header.Authorization'],
          resultsCacheTtl: Duration.seconds(0),
        })
      : undefined;

    const integrations = new Map<string, HttpLambdaIntegration>();
    const integrationFor = (functionId: string): HttpLambdaIntegration => {
      const existing = integrations.get(functionId);
      if (existing) return existing;
      const created = new HttpLambdaIntegration(`Integration-${functionId}`, props.functionFor(functionId));
      integrations.set(functionId, created);
      return created;
    };

    this.routes = deployed.map((model) => {
      const [route] = this.api.addRoutes({
        path: model.path,
        methods: [HttpMethod[model.method as keyof typeof HttpMethod]],
        integration: integrationFor(model.functionId),
        authorizer: model.auth === 'public' || !authorizer ? new HttpNoneAuthorizer() : authorizer,
      });
      if (!route) throw new Error(`No API route was created for ${model.method} ${model.path}.`);
      return { model, route };
    });
    this.limitRoutes(props.throttling);
  }

  /** Per-route throttling: the stage's route settings, by route key (the L2 stage has no property for them). */
  private limitRoutes(throttling: ThrottlingModel): void {
    const limited = this.routes.filter((r) =>
      throttling.routes.some((t) => t.routeKey === routeKeyOf(r.model)),
    );
    if (limited.length === 0) return;
    const stage = this.stage.node.defaultChild as CfnStage;
    stage.routeSettings = Object.fromEntries(
      limited.map(({ model }) => {
        const limits = throttling.routes.find((t) => t.routeKey === routeKeyOf(model));
        return [
          routeKeyOf(model),
          { ThrottlingRateLimit: limits?.rateLimit, ThrottlingBurstLimit: limits?.burstLimit },
        ];
      }),
    );
    // A stage's route settings name routes by key, so those routes must exist before the stage is updated.
    for (const { route } of limited) stage.addResourceDependency(route.node.defaultChild as CfnRoute);
  }

  /** The API's base URL. */
  get url(): string {
    return this.stage.url;
  }

  /** Server errors (5xx) of the API. */
  metricServerErrors(options: MetricOptions = {}): Metric {
    return this.stage.metricServerError(options);
  }

  /** Client errors (4xx) of the API. */
  metricClientErrors(options: MetricOptions = {}): Metric {
    return this.stage.metricClientError(options);
  }
}

import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  type CorsHttpMethod,
  HttpApi,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import type { Metric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
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
  /** The model's routes; `localOnly` ones are left out here. Module stacks render them (ModuleHttpRoutes). */
  readonly routes: readonly RouteModel[];
  /** Whether a module provides the authorizer that non-public routes need. */
  readonly authorizerProvided: boolean;
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
 * The HTTP API of the root stack: the API, a `$default` stage with the model's throttling (default route limits,
 * and per-route limits where a manifest declares them) and JSON access logs. The routes themselves, their
 * integrations and permissions live in the stacks of the modules that serve them (ModuleHttpRoutes), so the
 * root does not grow with every route.
 */
export class HttpApiConstruct extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  private readonly limitedRouteKeys: ReadonlySet<string>;

  constructor(scope: Construct, id: string, props: HttpApiConstructProps) {
    super(scope, id);
    const deployed = props.routes.filter((r) => !r.localOnly);
    const guarded = deployed.filter((r) => r.auth !== 'public');
    if (guarded.length > 0 && !props.authorizerProvided) {
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
    this.limitedRouteKeys = this.limitRoutes(deployed, props.throttling);
  }

  /** Per-route throttling: the stage's route settings, by route key (the L2 stage has no property for them). */
  private limitRoutes(deployed: readonly RouteModel[], throttling: ThrottlingModel): Set<string> {
    const limited = deployed.flatMap((route) => {
      const limits = throttling.routes.find((t) => t.routeKey === routeKeyOf(route));
      return limits ? [{ routeKey: routeKeyOf(route), limits }] : [];
    });
    if (limited.length > 0) {
      (this.stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
        limited.map(({ routeKey, limits }) => [
          routeKey,
          { ThrottlingRateLimit: limits.rateLimit, ThrottlingBurstLimit: limits.burstLimit },
        ]),
      );
    }
    return new Set(limited.map((l) => l.routeKey));
  }

  /**
   * Called for every route rendered on this API. A stage's route settings name routes by key, so a limited
   * route must exist before the stage is updated: the stage then depends on it (on its module stack, when the
   * route lives in one).
   */
  routeRendered(rendered: RenderedHttpRoute): void {
    if (!this.limitedRouteKeys.has(routeKeyOf(rendered.model))) return;
    (this.stage.node.defaultChild as CfnStage).node.addDependency(rendered.route);
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

import type { AuthLevel } from '../contracts/moduleManifest.ts';

/**
 * The platform model: every manifest, checked together and flattened into plain data. The CDK app, the
 * embedded platform and the docs render from this; nothing is declared twice.
 */
export interface PlatformModel {
  readonly modules: readonly ModuleModel[];
  readonly events: readonly EventModel[];
  readonly rules: readonly RuleModel[];
  readonly routes: readonly RouteModel[];
  readonly webSocketRoutes: readonly WebSocketRouteModel[];
  readonly services: readonly ServiceModel[];
  readonly tables: readonly TableModel[];
  readonly schedules: readonly ScheduleModel[];
  /**
   * Asymmetric signing keys modules declare (one KMS key each in AWS). Always set by `buildPlatformModel`;
   * optional only so hand-written test models without keys stay valid.
   */
  readonly signingKeys?: readonly SigningKeyModel[];
  readonly functions: readonly FunctionModel[];
  /** Metrics modules declare they emit (namespace `SOLEil`, dimensions from `moduleMetricDimensions`). */
  readonly metrics: readonly MetricModel[];
  /** Alarms modules declare on their own metrics. */
  readonly alarms: readonly AlarmModel[];
  /** How many requests the HTTP edge lets through, per route, in AWS and on the embedded platform alike. */
  readonly throttling: ThrottlingModel;
  /**
   * Folders the embedded platform watches (`folderTriggers`). Always set by `buildPlatformModel`; optional
   * so hand-written test models stay valid.
   */
  readonly folderTriggers?: readonly FolderTriggerModel[];
  /** Modules' S3 buckets; optional like `folderTriggers`. */
  readonly buckets?: readonly BucketModel[];
  /** Modules' secrets; optional like `folderTriggers`. */
  readonly secrets?: readonly SecretModel[];
  /**
   * What each reaction publishes and calls (subscriptions' `reactions`), from which the documented flows are
   * derived. Always set by `buildPlatformModel`; optional so hand-written test models stay valid.
   */
  readonly reactions?: readonly ReactionModel[];
  /** The function that authorizes non-public HTTP routes and WebSocket `$connect`, if a module provides it. */
  readonly authorizer: { readonly module: string; readonly functionId: string } | null;
}

export interface ModuleModel {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly critical: boolean;
  /** Modules whose services this module calls. */
  readonly dependencies: readonly string[];
  /** The services this module may call (its manifest's `uses`); the service client refuses any other. */
  readonly uses: readonly { readonly module: string; readonly service: string }[];
  readonly publishes: readonly string[];
  readonly subscribes: readonly string[];
  readonly healthFunctionId: string;
  /** Whether it has the kit's transactional outbox (an `outbox` table and a `drainOutbox` schedule). */
  readonly outbox: boolean;
  /** Settings every function of the module receives in its environment. */
  readonly config: readonly {
    readonly name: string;
    readonly description: string;
    readonly default: string | null;
    readonly localDefault: string | null;
  }[];
}

export interface EventModel {
  readonly name: string;
  readonly owner: string;
  readonly source: string;
  readonly version: number;
  readonly description: string;
  readonly bandScoped: boolean;
  /** Whether the owner module is part of this platform and declares it in `publishes`. */
  readonly published: boolean;
  readonly subscribers: readonly { readonly module: string; readonly subscriptionId: string }[];
  /** JSON Schema (draft 2020-12, from zod) of the event's `detail.data`. */
  readonly dataSchema: Record<string, unknown>;
}

export interface RuleModel {
  /** Unique and stable: `<module>-<subscriptionId>`. */
  readonly id: string;
  readonly module: string;
  readonly subscriptionId: string;
  /** The events it delivers; empty for an observer of every platform event. */
  readonly events: readonly string[];
  /** Receives every platform event (`source` prefix `soleil.`): an observer, no participant of any flow. */
  readonly observesAllEvents?: boolean;
  /** The complete EventBridge pattern (source, detail-type and any detail filter). */
  readonly pattern: Record<string, unknown>;
  readonly functionId: string;
  readonly maxRetries: number;
  readonly maxEventAgeSeconds: number;
  /** How long its queue gathers events (up to 10) before invoking the function; absent: at once. */
  readonly batchingWindowSeconds?: number;
}

/** What one subscription does, in reaction to some of its events, to other modules. */
export interface ReactionModel {
  readonly module: string;
  readonly subscriptionId: string;
  readonly functionId: string;
  /** The subscribed events it reacts to this way. */
  readonly on: readonly string[];
  readonly publishes: readonly string[];
  readonly calls: readonly {
    readonly module: string;
    readonly service: string;
    readonly operation: string;
  }[];
  /** The condition under which it happens; null when it always does. */
  readonly when: string | null;
}

export interface RouteModel {
  readonly module: string;
  readonly method: string;
  readonly path: string;
  readonly auth: AuthLevel;
  readonly description: string;
  readonly functionId: string;
  readonly localOnly: boolean;
}

/** A token bucket: refilled at `rateLimit` per second, holding at most `burstLimit` requests. */
export interface ThrottleModel {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface ThrottlingModel {
  /** Limits of every route without its own (each route has a bucket of its own, shared by every caller). */
  readonly default: ThrottleModel;
  /** Routes a manifest limits more tightly. */
  readonly routes: readonly RouteThrottleModel[];
}

export interface RouteThrottleModel extends ThrottleModel {
  readonly module: string;
  /** API Gateway route key, `METHOD /path`. */
  readonly routeKey: string;
  /** The route exists on the embedded platform only. */
  readonly localOnly: boolean;
}

export interface WebSocketRouteModel {
  readonly module: string;
  readonly routeKey: string;
  readonly functionId: string;
}

export interface ServiceModel {
  readonly module: string;
  readonly name: string;
  readonly version: number;
  readonly description: string;
  readonly operations: readonly string[];
  readonly functionId: string;
}

export interface TableModel {
  /** `<module>-<name>`; the physical name is the renderer's business. */
  readonly id: string;
  readonly module: string;
  readonly name: string;
  /** Environment variable through which the owning module's functions learn the physical name. */
  readonly envVar: string;
  readonly partitionKey: KeyAttributeModel;
  readonly sortKey: KeyAttributeModel | null;
  readonly indexes: readonly {
    readonly name: string;
    readonly partitionKey: KeyAttributeModel;
    readonly sortKey: KeyAttributeModel | null;
  }[];
  readonly ttlAttribute: string | null;
  /** Added by the platform rather than declared (the per-module idempotency table). */
  readonly implicit: boolean;
  /** Rendered by the embedded platform only; AWS has no such table, and its functions no variable for it. */
  readonly localOnly: boolean;
}

export interface KeyAttributeModel {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

export interface SigningKeyModel {
  /** `<module>-<name>`; the renderer maps it to a key (a KMS key ARN in AWS). */
  readonly id: string;
  readonly module: string;
  readonly name: string;
  readonly algorithm: 'ES256';
  readonly description: string;
  /** Environment variable through which the owning module's functions learn the key id, if rendered. */
  readonly envVar: string;
  /** Which key signs: bumping it renders a new key and keeps this one as `previous`. */
  readonly generation: number;
  /** Environment variable of the previous generation's key id (verification only), when generation > 1. */
  readonly previousEnvVar: string;
}

export interface MetricModel {
  readonly module: string;
  readonly name: string;
  readonly unit: 'Count' | 'Milliseconds' | 'Seconds' | 'Bytes' | 'Percent';
  readonly description: string;
}

export interface AlarmModel {
  /** `<module>-<name>`. */
  readonly id: string;
  readonly module: string;
  readonly name: string;
  /** A metric the same module declares. */
  readonly metric: string;
  /** `Sum`, `Average`, `Minimum`, `Maximum`, `SampleCount` or a percentile (`p99`). */
  readonly statistic: string;
  /** Fires when the statistic reaches this value (≥), `evaluationPeriods` periods in a row. */
  readonly threshold: number;
  readonly periodMinutes: number;
  readonly evaluationPeriods: number;
  /** What it means when it fires. */
  readonly description: string;
}

export interface ScheduleModel {
  readonly id: string;
  readonly module: string;
  readonly scheduleId: string;
  readonly rateMinutes: number;
  readonly description: string;
  readonly functionId: string;
}

/** A module's S3 bucket. */
export interface BucketModel {
  /** `<module>-<name>`. */
  readonly id: string;
  readonly module: string;
  readonly name: string;
  readonly description: string;
  readonly expireAfterDays: number;
  /** The variable carrying the bucket's physical name to the module's functions. */
  readonly envVar: string;
}

/** A module's secret (created empty). */
export interface SecretModel {
  /** `<module>-<name>`. */
  readonly id: string;
  readonly module: string;
  readonly name: string;
  readonly description: string;
  /** The variable carrying the secret's name to the module's functions. */
  readonly envVar: string;
}

/** A folder the embedded platform watches for a module, and the function it invokes on a settled change. */
export interface FolderTriggerModel {
  /** `<module>-<trigger id>`. */
  readonly id: string;
  readonly module: string;
  readonly triggerId: string;
  /** The module setting naming the root folder; the embedded platform sets it on the module's functions. */
  readonly rootConfig: string;
  /** The root's default, under the embedded platform's data folder. */
  readonly localDir: string;
  readonly description: string;
  readonly functionId: string;
}

export type FunctionRole =
  | 'folderTrigger'
  | 'route'
  | 'subscription'
  | 'service'
  | 'health'
  | 'schedule'
  | 'websocket'
  | 'authorizer';

export interface FunctionModel {
  /** Unique and stable: `<module>-<handler file path>`, e.g. `core-getHealth`. */
  readonly id: string;
  readonly module: string;
  readonly handler: string;
  /**
   * Source file: of a module's own handler, relative to the folder holding `functions/` (the repository
   * root, or a test fixture's root), e.g. `functions/core/handlers/getHealth.ts`; of a kit function, relative
   * to the repository root. `functionEntryPath` resolves both.
   */
  readonly entry: string;
  /**
   * A function the platform adds and the kit implements (the outbox drain), rather than a handler in the
   * module's folder. @default false
   */
  readonly kit?: boolean;
  readonly exportName: string;
  readonly roles: readonly FunctionRole[];
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** Table ids this function may use: its own module's only. */
  readonly tables: readonly string[];
}

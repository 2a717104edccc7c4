import * as z from 'zod';
import type { ServiceContract } from './defineService.ts';
import { ModuleName } from './identifiers.ts';

/**
 * A handler reference, Lambda style: `<file path without extension>.<export>`, relative to the module
 * folder, e.g. `handlers/getHealth.handler` → `functions/<module>/handlers/getHealth.ts`, export `handler`.
 */
export const HandlerRef = z
  .string()
  .regex(
    /^handlers\/[A-Za-z0-9_/-]+\.[A-Za-z_$][A-Za-z0-9_$]*$/,
    'must be "handlers/<file>.<export>", e.g. "handlers/getHealth.handler"',
  );

/** Sizing of the function behind a handler; the model takes the largest value declared for one handler. */
const FunctionSizing = {
  memoryMb: z.number().int().min(128).max(10240).optional(),
  timeoutSeconds: z.number().int().min(1).max(900).optional(),
};

const SemVer = z
  .string()
  .regex(
    /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/,
    'must be a semantic version, e.g. 1.0.0',
  );

export const AuthLevel = z.enum(['public', 'user', 'leader']);
export type AuthLevel = z.infer<typeof AuthLevel>;

export const HttpMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * API Gateway throttling of one route, shared by every caller (not per client): `rateLimit` requests per second
 * on average, `burstLimit` at once (the token bucket's size). Within the account quota of API Gateway.
 */
export const RouteThrottle = z
  .object({
    rateLimit: z.number().positive().max(10_000),
    burstLimit: z.number().int().min(1).max(5_000),
  })
  .strict();

export const RouteDeclaration = z
  .object({
    method: HttpMethod,
    path: z
      .string()
      .regex(
        /^\/(?:[A-Za-z0-9._-]+|\{[A-Za-z][A-Za-z0-9]*\})(?:\/(?:[A-Za-z0-9._-]+|\{[A-Za-z][A-Za-z0-9]*\}))*$/,
        {
          message: 'must be an absolute path of literal segments and {params}, e.g. /api/auth/bands/{bandId}',
        },
      ),
    auth: AuthLevel,
    handler: HandlerRef,
    description: z.string().min(1).max(300),
    /** Exists on the embedded platform only (e.g. development sign-in); never rendered into AWS. */
    localOnly: z.boolean().default(false),
    /** Tighter limits than the platform's default route throttling (e.g. sign-in); never looser. */
    throttle: RouteThrottle.optional(),
    ...FunctionSizing,
  })
  .strict()
  .refine((r) => r.auth !== 'leader' || r.path.includes('{bandId}'), {
    message: 'a "leader" route must name the band in its path as {bandId}',
  });

/**
 * What a reaction does to other modules, for the documented flows (`docs/generated/flows`) and the test that
 * holds the platform to them: the events it publishes and the service operations it calls.
 */
export const ReactionDeclaration = z
  .object({
    /** The subscribed events this applies to. @default every event of the subscription */
    on: z.array(z.string().min(1)).min(1).optional(),
    publishes: z.array(z.string().min(1)).default([]),
    calls: z
      .array(
        z
          .string()
          .regex(
            /^[a-z][a-z0-9-]*\/[a-z][a-z0-9_]*\.[A-Za-z][A-Za-z0-9]*$/,
            'must be "module/service.operation", e.g. "content/content_service.upcomingGigs"',
          ),
      )
      .default([]),
    /** Only when this holds: the flow shows it as optional, and a run without it is not a drift. */
    when: z.string().min(1).max(200).optional(),
  })
  .strict();

export const SubscriptionDeclaration = z
  .object({
    id: z.string().regex(/^[a-z][A-Za-z0-9]{1,63}$/, 'must be camelCase, e.g. onFileChanged'),
    /** The events it handles; empty only for an observer of every event (`observesAllEvents`). */
    events: z.array(z.string().min(1)).default([]),
    /**
     * Receives every platform event (`source` prefix `soleil.`), whatever its name: an observer (core's flow
     * trace) that reacts to none of them — it publishes nothing and is no participant of any flow.
     */
    observesAllEvents: z.boolean().optional(),
    /** What it publishes and calls in reaction, for the documented flows. */
    reactions: z.array(ReactionDeclaration).optional(),
    /** Extra EventBridge content filter on `detail` (the bus already filters on source and detail-type). */
    detailPattern: z.record(z.string(), z.unknown()).optional(),
    handler: HandlerRef,
    /** How often EventBridge retries a failed delivery before dead-lettering it. */
    maxRetries: z.number().int().min(0).max(185).default(8),
    maxEventAgeSeconds: z.number().int().min(60).max(86_400).default(3_600),
    /**
     * How long the subscription's queue may gather events before it invokes the function with them (up to 10
     * at once; Lambda's MaximumBatchingWindowInSeconds). For work nobody waits for — core's trace of every
     * event — so it runs as up to ten times fewer invocations, behind the flows it watches rather than beside them.
     */
    batchingWindowSeconds: z.number().int().min(1).max(300).optional(),
    ...FunctionSizing,
  })
  .strict()
  .refine((s) => s.observesAllEvents !== s.events.length > 0, {
    message: 'list the events it handles, or set observesAllEvents for an observer of every event (not both)',
  })
  .refine((s) => !s.observesAllEvents || (s.reactions ?? []).length === 0, {
    message: 'an observer of every event reacts to none: it declares no reactions',
  });

const serviceContractSchema = z.custom<ServiceContract>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ServiceContract).name === 'string' &&
    typeof (value as ServiceContract).operations === 'object',
  'must be a service contract made with defineService() in shared/contracts',
);

export const ServiceDeclaration = z
  .object({ contract: serviceContractSchema, handler: HandlerRef, ...FunctionSizing })
  .strict();

export const ServiceDependency = z.object({ module: ModuleName, service: z.string().min(1) }).strict();

export const ScheduleDeclaration = z
  .object({
    id: z.string().regex(/^[a-z][A-Za-z0-9]{1,63}$/, 'must be camelCase, e.g. checkHealth'),
    rateMinutes: z.number().int().min(1).max(1440),
    handler: HandlerRef,
    description: z.string().min(1).max(300),
    ...FunctionSizing,
  })
  .strict();

const KeyAttribute = z
  .object({ name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/), type: z.enum(['S', 'N', 'B']) })
  .strict();

export const TableDeclaration = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'must be lower-case kebab-case, e.g. refresh-tokens'),
    partitionKey: KeyAttribute,
    sortKey: KeyAttribute.optional(),
    indexes: z
      .array(
        z
          .object({
            name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{2,63}$/),
            partitionKey: KeyAttribute,
            sortKey: KeyAttribute.optional(),
          })
          .strict(),
      )
      .default([]),
    ttlAttribute: z.string().min(1).optional(),
    /**
     * Exists on the embedded platform only, never rendered into AWS: for state a managed service keeps in
     * AWS (e.g. signing keys, which KMS holds there).
     */
    localOnly: z.boolean().default(false),
  })
  .strict();

export const WebSocketRouteDeclaration = z
  .object({
    routeKey: z.string().regex(/^(\$connect|\$disconnect|\$default|[a-zA-Z][A-Za-z0-9_.-]{0,63})$/),
    handler: HandlerRef,
    ...FunctionSizing,
  })
  .strict();

/**
 * A setting a module reads from its environment (e.g. the Google client id). Values come from CDK context
 * (`soleil:config`) in AWS and from the process environment on the embedded platform, else the default.
 */
export const ConfigDeclaration = z
  .object({
    name: z
      .string()
      .regex(/^SOLEIL_[A-Z0-9_]+$/, 'must be an upper-case variable name starting with SOLEIL_'),
    description: z.string().min(1).max(300),
    default: z.string().optional(),
    /** Used by the embedded platform when the environment does not set it (e.g. a local issuer URL). */
    localDefault: z.string().optional(),
  })
  .strict();

/**
 * An S3 bucket the module keeps objects in (drive's file cache). AWS: encrypted, private (public access
 * blocked, TLS only), objects expire after `expireAfterDays`, read/write for the module's role only. The
 * embedded platform serves it from its local AWS endpoint. The module reads its name from
 * `bucketEnvVar(name)`.
 */
export const BucketDeclaration = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'must be lower-case kebab-case, e.g. file-cache'),
    description: z.string().min(1).max(300),
    expireAfterDays: z.number().int().min(1).max(3650),
  })
  .strict();

/**
 * A secret the module reads (drive's Google service account key). AWS: a Secrets Manager secret created
 * empty (an operator puts the value; its name is a stack output), readable by the module's role only. The
 * module reads its name from `secretEnvVar(name)`; values are never in code, config or logs.
 */
export const SecretDeclaration = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'must be lower-case kebab-case, e.g. google-key'),
    description: z.string().min(1).max(300),
  })
  .strict();

/**
 * A folder the embedded platform watches for the module: the local stand-in for a change notification the
 * module gets from outside in AWS (drive's Google Drive push channel). The root is the module setting
 * `rootConfig` (a declared `config`), by default `<data dir>/<localDir>`; once something under a folder
 * directly in the root changed and settled, the platform invokes `handler` with
 * `{ source: 'soleil.local.folder', triggerId, folder }` (the folder's name). AWS renders nothing for it.
 */
export const FolderTriggerDeclaration = z
  .object({
    id: z.string().regex(/^[a-z][A-Za-z0-9]{1,63}$/, 'must be camelCase, e.g. libraryFolders'),
    rootConfig: z
      .string()
      .regex(/^SOLEIL_[A-Z0-9_]+$/, 'must name a setting of the module: SOLEIL_ then upper-case words'),
    localDir: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, 'must be a folder name, e.g. library'),
    handler: HandlerRef,
    description: z.string().min(1).max(300),
    ...FunctionSizing,
  })
  .strict();

/**
 * An asymmetric key the module signs with (e.g. access tokens). The private half stays where the renderer
 * keeps it, never in a table: a KMS key in AWS, a private key folder on the embedded platform. The module's
 * functions learn where from `signingKeyEnvVar(name)`: the KMS key ARN, or a `file:` URL of the folder.
 */
export const SigningKeyDeclaration = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'must be lower-case kebab-case, e.g. access-tokens'),
    /** JWS algorithm; ES256 = ECDSA over P-256 with SHA-256 (KMS key spec ECC_NIST_P256). */
    algorithm: z.enum(['ES256']),
    description: z.string().min(1).max(300),
    /**
     * Bump to rotate: a new key (this generation) signs, and the previous generation's key stays published for
     * verification until the next bump. Asymmetric KMS keys cannot rotate in place.
     */
    generation: z.number().int().min(1).max(1000).default(1),
  })
  .strict();

const PascalName = z
  .string()
  .regex(/^[A-Z][A-Za-z0-9]{2,63}$/, 'must be PascalCase, e.g. OutboxPublishFailed');

/**
 * A metric the module emits (through `createMetrics(module)`: namespace `SOLEil`, dimensions `service` and
 * `module`). Declared so that alarms, the dashboard and the docs name it from one place.
 */
export const MetricDeclaration = z
  .object({
    name: PascalName,
    /** CloudWatch unit the module emits it in. */
    unit: z.enum(['Count', 'Milliseconds', 'Seconds', 'Bytes', 'Percent']).default('Count'),
    /** What one unit of it is, for the docs and the dashboard's reader. */
    description: z.string().min(1).max(300),
  })
  .strict();

/** CloudWatch statistics an alarm may use: the plain ones, or a percentile such as `p99`. */
export const MetricStatistic = z
  .string()
  .regex(
    /^(Sum|Average|Minimum|Maximum|SampleCount|p(?:[1-9]\d?(?:\.\d{1,2})?|100))$/,
    'must be Sum, Average, Minimum, Maximum, SampleCount or a percentile such as p99',
  );

/**
 * An alarm on one of the module's declared metrics. It fires when the statistic over a period reaches the
 * threshold in `evaluationPeriods` periods in a row; a period without data counts as fine (a failure metric is
 * emitted only when something fails). It joins the module's health composite alarm.
 */
export const AlarmDeclaration = z
  .object({
    name: PascalName,
    /** The declared metric it watches (by name). */
    metric: z.string().min(1),
    statistic: MetricStatistic.default('Sum'),
    threshold: z.number().positive(),
    periodMinutes: z.number().int().min(1).max(1440).default(5),
    evaluationPeriods: z.number().int().min(1).max(100).default(1),
    /** What it means when it fires, and where to look: the alarm's description in AWS. */
    description: z.string().min(1).max(300),
  })
  .strict();

/** A module's declaration of itself: the table of contents from which AWS, local platform and docs render. */
export const ModuleManifest = z
  .object({
    name: ModuleName,
    version: SemVer,
    description: z.string().min(10).max(500),
    /** A critical module being down makes the whole platform unhealthy (503 on /api/system/health). */
    critical: z.boolean(),
    publishes: z.array(z.string().min(1)),
    subscriptions: z.array(SubscriptionDeclaration),
    routes: z.array(RouteDeclaration),
    webSocketRoutes: z.array(WebSocketRouteDeclaration).default([]),
    /** Services this module offers; the field is required even when empty, so the choice is explicit. */
    services: z.array(ServiceDeclaration),
    /** Services of other modules this module calls; a call not declared here is refused. */
    uses: z.array(ServiceDependency).default([]),
    health: z.object({ handler: HandlerRef }).strict(),
    schedules: z.array(ScheduleDeclaration).default([]),
    tables: z.array(TableDeclaration).default([]),
    /**
     * The module commits state and events together (the kit's transactional outbox): the platform gives it
     * an `outbox` table and a `drainOutbox` schedule running the kit's drain, in AWS and locally alike.
     */
    outbox: z.boolean().default(false),
    /** Settings the module's functions read from their environment; never secrets (those go to a secret store). */
    config: z.array(ConfigDeclaration).default([]),
    /** Asymmetric keys the module signs with; only this module's functions may sign with them. */
    signingKeys: z.array(SigningKeyDeclaration).default([]),
    /** Metrics the module emits, by name; alarms and the dashboard refer to them. */
    metrics: z.array(MetricDeclaration).default([]),
    /** Alarms on the module's own metrics, beside the platform's per-function and per-queue alarms. */
    alarms: z.array(AlarmDeclaration).default([]),
    /** S3 buckets the module owns. */
    buckets: z.array(BucketDeclaration).default([]),
    /** Secrets the module reads (created empty in AWS). */
    secrets: z.array(SecretDeclaration).default([]),
    /** Folders the embedded platform watches for the module (never rendered into AWS). */
    folderTriggers: z.array(FolderTriggerDeclaration).default([]),
    /** This module provides the Lambda authorizer for HTTP and WebSocket edges (auth does). */
    authorizer: z.object({ handler: HandlerRef }).strict().optional(),
  })
  .strict();

export type ModuleManifest = z.output<typeof ModuleManifest>;
export type ModuleManifestInput = z.input<typeof ModuleManifest>;
export type RouteDeclaration = z.output<typeof RouteDeclaration>;
export type RouteThrottle = z.output<typeof RouteThrottle>;
export type SubscriptionDeclaration = z.output<typeof SubscriptionDeclaration>;
export type ReactionDeclaration = z.output<typeof ReactionDeclaration>;
export type TableDeclaration = z.output<typeof TableDeclaration>;
export type ConfigDeclaration = z.output<typeof ConfigDeclaration>;
export type ScheduleDeclaration = z.output<typeof ScheduleDeclaration>;
export type SigningKeyDeclaration = z.output<typeof SigningKeyDeclaration>;
export type MetricDeclaration = z.output<typeof MetricDeclaration>;
export type AlarmDeclaration = z.output<typeof AlarmDeclaration>;
export type FolderTriggerDeclaration = z.output<typeof FolderTriggerDeclaration>;
export type BucketDeclaration = z.output<typeof BucketDeclaration>;
export type SecretDeclaration = z.output<typeof SecretDeclaration>;

/** Thrown when a manifest does not describe a valid module; the message names the module and the fix. */
export class InvalidManifestError extends Error {
  override readonly name = 'InvalidManifestError';
}

/**
 * Declares a module. Validates the manifest at once, so a broken manifest fails where it is written.
 *
 * @example
 * export default defineModule({ name: 'core', version: '1.0.0', ... });
 */
export const defineModule = (manifest: ModuleManifestInput): ModuleManifest => {
  const parsed = ModuleManifest.safeParse(manifest);
  if (!parsed.success) {
    const name = typeof manifest?.name === 'string' ? manifest.name : '<unnamed>';
    const issues = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(manifest)'}: ${i.message}`);
    throw new InvalidManifestError(
      `Module "${name}" has an invalid manifest (functions/${name}/module.ts):\n${issues.join('\n')}`,
    );
  }
  return parsed.data;
};

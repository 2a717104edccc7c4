import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadPlatformModel, repositoryRoot } from '../../shared/platformModel/loadPlatformModel.ts';
import type { PlatformModel } from '../../shared/platformModel/PlatformModel.ts';
import { catalogEntriesFromModel } from '../../shared/runtime/catalog/catalogEntriesFromModel.ts';
import { DynamoDbServiceCatalogStore } from '../../shared/runtime/catalog/DynamoDbServiceCatalogStore.ts';
import { LocalAwsEndpoint } from './aws/LocalAwsEndpoint.ts';
import { S3ObjectStore } from './aws/S3ObjectStore.ts';
import { DeadLetterStore } from './deadLetters/DeadLetterStore.ts';
import { createModelTables } from './dynamodb/createModelTables.ts';
import { DynamoDbLocalSupervisor } from './dynamodb/DynamoDbLocalSupervisor.ts';
import { DYNAMODB_PID_FILE, reapOrphanedDynamoDbLocal } from './dynamodb/dynamoDbPidFile.ts';
import { DeliveryLog } from './events/DeliveryLog.ts';
import { EventArchive } from './events/EventArchive.ts';
import { EventRouter } from './events/EventRouter.ts';
import { RetryPolicy, type RetryPolicyOptions } from './events/RetryPolicy.ts';
import { FolderTriggerRunner } from './folders/FolderTriggerRunner.ts';
import { resolveFolderTriggerRoots } from './folders/resolveFolderTriggerRoots.ts';
import { AsyncInvocations } from './functions/AsyncInvocations.ts';
import { FunctionBundles } from './functions/FunctionBundles.ts';
import { FunctionRunner } from './functions/FunctionRunner.ts';
import { HttpApiServer } from './http/HttpApiServer.ts';
import { readLocalSettings, SETTING_VARIABLES } from './localSettings.ts';
import { assertPortFree } from './net/findFreePort.ts';
import { ensurePrivateFolder, temporaryPrivateFolder } from './privateFolder.ts';
import { ScheduleRunner } from './schedules/ScheduleRunner.ts';
import { type InvokeFunction, RUNTIME_ERRORS } from './shared/InvocationResult.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION, LOCAL_NAMES } from './shared/localNames.ts';
import { WebSocketApiServer } from './websocket/WebSocketApiServer.ts';
import { PendingWorkStore } from './work/PendingWorkStore.ts';

/** How long a stop lets running deliveries and asynchronous invocations finish before saving them. */
const DEFAULT_SHUTDOWN_DRAIN_MS = 5_000;

export interface StartPlatformOptions {
  /** The model to run; loaded from `functionsDir` when omitted. */
  readonly model?: PlatformModel;
  /** Folder of the modules (`<dir>/<module>/module.ts`). @default the repository's `functions/` */
  readonly functionsDir?: string;
  /** Ports; `0` picks a free one. @default from SOLEIL_*_PORT, else 3000, 3001, 4010, 8000 */
  readonly ports?: Partial<{ http: number; ws: number; aws: number; dynamodb: number }>;
  /**
   * Folder for DynamoDB data, dead letters, the archive and the signing keys, made readable by its owner only
   * (mode 0700); `null` keeps everything in memory (tests), the keys in a temporary private folder.
   */
  readonly dataDir?: string | null;
  /** EventBridge retry timing; tests pass `{ timeScale: 0.001 }`. Also scales Lambda's async retries. */
  readonly retry?: RetryPolicyOptions;
  /** Days the event archive keeps events for replay. @default 7 */
  readonly archiveRetentionDays?: number;
  /**
   * How long `stop()` lets running deliveries and asynchronous invocations finish; what is still undone
   * then is saved (`pending.json`) and resumed by the next start. @default 5000
   */
  readonly shutdownDrainMs?: number;
  /** Whether the model's schedules run on their rate. @default true */
  readonly schedules?: boolean;
  /** Whether each schedule also runs once right after start (when schedules run). @default true */
  readonly runSchedulesAtStart?: boolean;
  /** Multiplies schedule rates (0.001 turns minutes into milliseconds). @default 1 */
  readonly scheduleTimeScale?: number;
  /** Whether functions' logs reach stdout. @default 'inherit' */
  readonly functionOutput?: 'inherit' | 'silent';
  /** Containers per function at most. @default 4 */
  readonly maxConcurrency?: number;
  /** Timeouts per function id, overriding the model. */
  readonly functionTimeoutMs?: Readonly<Record<string, number>>;
  /** Extra environment for every function. */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /**
   * WebSocket limits, shortened in tests; `allowUnauthenticated` lets a platform without an authorizer accept
   * `$connect` (tests only: without it, such a platform refuses every connection with 401).
   */
  readonly webSocket?: {
    readonly idleTimeoutMs?: number;
    readonly maxLifetimeMs?: number;
    readonly allowUnauthenticated?: boolean;
  };
  /**
   * The HTTP edge's clock (milliseconds since the epoch), which its throttling reads; tests pass one they move
   * so a flood is judged without waiting. @default Date.now
   */
  readonly httpClock?: () => number;
  /** Where background failures (async invocations, schedules) are reported. @default console.warn */
  readonly log?: (line: string) => void;
}

/** A running embedded platform. */
export interface EmbeddedPlatform {
  readonly urls: {
    readonly http: string;
    readonly ws: string;
    readonly aws: string;
    readonly dynamodb: string;
  };
  readonly model: PlatformModel;
  /** DynamoDB Local under supervision (restarted on the same port and data when its JVM dies). */
  readonly dynamodb: DynamoDbLocalSupervisor;
  readonly invoke: InvokeFunction;
  readonly runner: FunctionRunner;
  readonly router: EventRouter;
  readonly deadLetters: DeadLetterStore;
  readonly archive: EventArchive;
  readonly asyncInvocations: AsyncInvocations;
  /** Work the last stop left undone (read at start, rewritten by `stop()`). */
  readonly pendingWork: PendingWorkStore;
  readonly schedules: ScheduleRunner;
  /** The folder triggers' watchers (`folderTriggers` in manifests). */
  readonly folderTriggers: FolderTriggerRunner;
  /** Each folder trigger's root folder, by model id (`<module>-<trigger id>`). */
  readonly folderRoots: Readonly<Record<string, string>>;
  /** Milliseconds from the call to ready. */
  readonly startupMs: number;
  /** Stops everything it started, DynamoDB Local's JVM included. */
  stop(): Promise<void>;
}

const resolvePorts = async (options: StartPlatformOptions) => {
  const defaults = readLocalSettings().ports;
  const ports = { ...defaults, ...options.ports };
  await Promise.all(
    (['http', 'ws', 'aws', 'dynamodb'] as const)
      .filter((name) => ports[name] !== 0)
      .map((name) => assertPortFree(ports[name], SETTING_VARIABLES[name])),
  );
  return ports;
};

/** Runs `steps` in order, each even if an earlier one failed; rethrows the first failure at the end. */
const stopAll = async (steps: readonly (() => unknown)[]): Promise<void> => {
  let firstError: unknown;
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      firstError ??= error;
    }
  }
  if (firstError !== undefined) throw firstError;
};

/**
 * Starts the whole platform on this machine from the platform model: DynamoDB Local with the model's tables
 * and the service catalog, the functions (worker threads), the local AWS endpoint, the event router, the
 * schedules, and the HTTP and WebSocket APIs. `npm start` and the integration tests both use it.
 */
export const startPlatform = async (options: StartPlatformOptions = {}): Promise<EmbeddedPlatform> => {
  const startedAt = Date.now();
  const log = options.log ?? ((line: string) => console.warn(line));
  const dataDir = options.dataDir === undefined ? readLocalSettings().dataDir : options.dataDir;
  if (dataDir) ensurePrivateFolder(dataDir);
  const functionsDir = options.functionsDir ?? path.join(repositoryRoot(), 'functions');

  // A DynamoDB Local that a killed run left behind would hold its port: stopped first.
  if (dataDir) {
    const reaped = await reapOrphanedDynamoDbLocal(path.join(dataDir, DYNAMODB_PID_FILE));
    if (reaped !== undefined)
      log(`[dynamodb] stopped DynamoDB Local (pid ${reaped}) left running by a previous run`);
  }
  const ports = await resolvePorts(options);
  // The JVM takes longest to start: load the model and bundle its functions meanwhile.
  const modelLoaded = options.model ? Promise.resolve(options.model) : loadPlatformModel(functionsDir);
  const bundles = modelLoaded.then((m) => FunctionBundles.build(m, functionsBaseDir(options)));
  // Awaited by the runner during the start; until then a failure must not count as unhandled.
  bundles.catch(() => undefined);
  const removeBundles = () =>
    bundles.then(
      (b) => b.remove(),
      () => undefined,
    );
  const [dynamo, model] = await Promise.all([
    DynamoDbLocalSupervisor.start({
      ...(ports.dynamodb !== 0 ? { port: ports.dynamodb } : {}),
      ...(dataDir
        ? { dataDir: path.join(dataDir, 'dynamodb'), pidFile: path.join(dataDir, DYNAMODB_PID_FILE) }
        : {}),
      log,
    }).catch(async (error: unknown) => {
      await removeBundles();
      throw error;
    }),
    modelLoaded,
  ]);
  // The runner removes the bundles at its stop; this covers a start that fails before the runner exists.
  const cleanups: (() => unknown)[] = [() => dynamo.stop(), removeBundles];
  try {
    return await compose({
      options,
      model,
      dynamo,
      ports,
      dataDir,
      functionsDir,
      bundles,
      log,
      startedAt,
      cleanups,
    });
  } catch (error) {
    await stopAll(cleanups.reverse()).catch(() => undefined);
    throw error;
  }
};

/** The folder the model's `entry` paths are relative to (the one holding its `functions/`). */
const functionsBaseDir = (options: StartPlatformOptions): string =>
  options.functionsDir ? path.dirname(options.functionsDir) : repositoryRoot();

interface ComposeInput {
  readonly options: StartPlatformOptions;
  readonly model: PlatformModel;
  readonly dynamo: DynamoDbLocalSupervisor;
  readonly ports: { http: number; ws: number; aws: number };
  readonly dataDir: string | null;
  readonly functionsDir: string;
  readonly bundles: Promise<FunctionBundles>;
  readonly log: (line: string) => void;
  readonly startedAt: number;
  /** Filled as parts start, so a failure half-way stops what already runs. */
  readonly cleanups: (() => unknown)[];
}

const compose = async (input: ComposeInput): Promise<EmbeddedPlatform> => {
  const { options, model, dynamo, ports, dataDir, log, cleanups } = input;
  // Private signing keys stay out of DynamoDB Local, as KMS keeps them out of DynamoDB in AWS: a folder of
  // their own, readable only by this user (kept in the data folder, or for a run in memory, in a temporary one).
  let signingKeysDir: string;
  if (dataDir) {
    signingKeysDir = ensurePrivateFolder(path.join(dataDir, 'signing-keys'));
  } else {
    const temporary = temporaryPrivateFolder('soleil-signing-keys-');
    cleanups.push(() => temporary.remove());
    signingKeysDir = temporary.path;
  }
  const dynamoClient = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: LOCAL_AWS_REGION,
    credentials: LOCAL_AWS_CREDENTIALS,
  });
  cleanups.push(() => dynamoClient.destroy());
  // Tables and catalog, at start and after each restart of DynamoDB Local (in memory it comes back empty;
  // on disk this finds everything there and changes nothing).
  const provision = async (): Promise<void> => {
    await createModelTables(dynamoClient, model);
    await new DynamoDbServiceCatalogStore(dynamoClient, LOCAL_NAMES.catalogTableName).replaceAll(
      catalogEntriesFromModel(model, (functionId) => functionId),
    );
  };
  await provision();
  dynamo.afterEachRestart(provision);

  // The runner needs the endpoint's URL and the endpoint invokes through the runner: bind late.
  let runner: FunctionRunner | undefined;
  const invoke: InvokeFunction = (functionId, event, invokeOptions) =>
    runner
      ? runner.invoke(functionId, event, invokeOptions)
      : Promise.resolve({
          ok: false,
          errorType: RUNTIME_ERRORS.stopped,
          errorMessage: 'The platform is not running',
        });

  const deadLetters = new DeadLetterStore(dataDir ? path.join(dataDir, 'dead-letters.json') : undefined);
  const archive = new EventArchive({
    ...(dataDir ? { file: path.join(dataDir, 'archive.jsonl') } : {}),
    ...(options.archiveRetentionDays !== undefined ? { retentionDays: options.archiveRetentionDays } : {}),
  });
  const pendingWork = new PendingWorkStore(dataDir ? path.join(dataDir, 'pending.json') : undefined);
  const deliveryLog = new DeliveryLog(dataDir ? path.join(dataDir, 'deliveries.jsonl') : undefined);
  const router = new EventRouter({
    rules: model.rules,
    invoke,
    retryPolicy: new RetryPolicy(options.retry),
    deadLetters,
    archive,
    deliveryLog,
  });
  const asyncInvocations = new AsyncInvocations({
    invoke,
    deadLetters,
    ...(options.retry?.timeScale !== undefined ? { timeScale: options.retry.timeScale } : {}),
    onFailure: (id, attempt, type, message) =>
      log(`[lambda] async invocation of ${id} failed (attempt ${attempt} of 3): ${type}: ${message}`),
  });

  // Bucket objects live in the data folder; without one (tests), in a temporary folder removed at stop.
  const s3Root = dataDir ? path.join(dataDir, 's3') : await mkdtemp(path.join(tmpdir(), 'soleil-s3-'));
  if (!dataDir) cleanups.push(() => rm(s3Root, { recursive: true, force: true }));
  // Secret values, like the signing keys, in a private folder of the data folder (a temporary one in memory).
  let secretsDir: string;
  if (dataDir) {
    secretsDir = ensurePrivateFolder(path.join(dataDir, 'secrets'));
  } else {
    const temporary = temporaryPrivateFolder('soleil-secrets-');
    secretsDir = temporary.path;
    cleanups.push(() => temporary.remove());
  }
  let webSocket: WebSocketApiServer | undefined;
  const endpoint = new LocalAwsEndpoint({
    eventBridge: {
      router,
      rules: model.rules,
      region: LOCAL_AWS_REGION,
      onDroppedEvents: (bus) =>
        log(
          `[events] PutEvents for bus "${bus}": accepted and dropped, as AWS does — the platform's rules ` +
            `are on "${LOCAL_NAMES.eventBusName}" (set EventBusName)`,
        ),
    },
    lambda: {
      invoke,
      hasFunction: (id) => model.functions.some((f) => f.id === id),
      region: LOCAL_AWS_REGION,
      enqueueAsync: (id, event) => asyncInvocations.enqueue(id, event),
    },
    admin: { router, deadLetters, asyncInvocations },
    connections: () => webSocket,
    log,
    secretsManager: {
      folder: secretsDir,
      secrets: (model.secrets ?? []).map((secret) => LOCAL_NAMES.secretName(secret.id)),
      region: LOCAL_AWS_REGION,
    },
    s3: {
      store: new S3ObjectStore(s3Root),
      buckets: (model.buckets ?? []).map((b) => LOCAL_NAMES.bucketName(b.id)),
    },
  });
  // Saved once the endpoint is closed (this runs after its stop): events put during the drain are included,
  // in the pending work and in the archive.
  cleanups.push(async () => {
    const [deliveries, invocations] = await Promise.all([router.stop(), asyncInvocations.stop()]);
    pendingWork.save({ deliveries, asyncInvocations: invocations });
    if (deliveries.length + invocations.length > 0) {
      log(
        `[events] ${deliveries.length} deliveries and ${invocations.length} async invocations unfinished: ` +
          (dataDir ? 'saved, the next start resumes them' : 'kept in memory only (no data dir)'),
      );
    }
    await archive.close();
    // Everything archived is now delivered or saved above: the next start needs no recovery before here.
    await deliveryLog.restart(archive.lastId);
  });
  const aws = await endpoint.start(ports.aws);
  cleanups.push(() => endpoint.stop());

  const folderRoots = await resolveFolderTriggerRoots(model, {
    dataDir,
    env: { ...process.env, ...options.extraEnv },
  });
  cleanups.push(() => folderRoots.cleanup());

  runner = new FunctionRunner({
    bundles: input.bundles,
    configValues: folderRoots.configValues,
    model,
    endpoints: { dynamodb: dynamo.endpoint, aws: aws.url },
    baseDir: functionsBaseDir(options),
    output: options.functionOutput ?? 'inherit',
    ...(options.maxConcurrency !== undefined ? { maxConcurrency: options.maxConcurrency } : {}),
    ...(options.functionTimeoutMs ? { timeoutMs: options.functionTimeoutMs } : {}),
    ...(options.extraEnv ? { extraEnv: options.extraEnv } : {}),
    signingKeysDir,
  });
  const startedRunner = runner;
  cleanups.push(() => startedRunner.stop());
  await startedRunner.prepare();
  // Reversed at stop: deliveries drain (bounded) while the runner still runs, nothing new starts; what is
  // left undone is saved once the endpoint is closed (above), and the archive written then.
  const drainMs = options.shutdownDrainMs ?? DEFAULT_SHUTDOWN_DRAIN_MS;
  cleanups.push(() => Promise.all([router.stop(drainMs), asyncInvocations.stop(drainMs)]));

  const authorizerFunctionId = model.authorizer?.functionId ?? null;
  const http = new HttpApiServer({
    model,
    invoke,
    port: ports.http,
    authorizerFunctionId,
    ...(options.httpClock ? { clock: options.httpClock } : {}),
  });
  const httpPort = (await http.start()).port;
  cleanups.push(() => http.stop());
  webSocket = new WebSocketApiServer({
    model,
    invoke,
    port: ports.ws,
    authorizerFunctionId,
    ...(options.webSocket?.idleTimeoutMs !== undefined
      ? { idleTimeoutMs: options.webSocket.idleTimeoutMs }
      : {}),
    ...(options.webSocket?.maxLifetimeMs !== undefined
      ? { maxLifetimeMs: options.webSocket.maxLifetimeMs }
      : {}),
    allowUnauthenticated: options.webSocket?.allowUnauthenticated === true,
  });
  const startedWebSocket = webSocket;
  const wsPort = (await webSocket.start()).port;
  cleanups.push(() => startedWebSocket.stop());

  const schedules = new ScheduleRunner({
    schedules: model.schedules,
    invoke,
    region: LOCAL_AWS_REGION,
    ...(options.scheduleTimeScale !== undefined ? { timeScale: options.scheduleTimeScale } : {}),
    onFailure: (id, type, message) => log(`[schedule] ${id} failed: ${type}: ${message}`),
  });
  if (options.schedules ?? true) schedules.start({ runNow: options.runSchedulesAtStart ?? true });
  cleanups.push(() => schedules.stop());

  const folderTriggers = new FolderTriggerRunner({
    triggers: folderRoots.triggers,
    invoke,
    onFailure: (id, folder, type, message) =>
      log(`[folders] ${id} on "${folder}" failed: ${type}: ${message}`),
  });
  await folderTriggers.start();
  cleanups.push(() => folderTriggers.stop());

  // What the previous run could not finish goes first, now that everything it needs runs.
  const previous = pendingWork.load();
  router.resume(previous.deliveries);
  asyncInvocations.resume(previous.asyncInvocations);
  if (previous.deliveries.length + previous.asyncInvocations.length > 0) {
    log(
      `[events] resuming ${previous.deliveries.length} deliveries and ` +
        `${previous.asyncInvocations.length} async invocations left by the last stop`,
    );
  }
  // Then what a run that ended without stopping (a crash, a kill -9) had acknowledged but not delivered.
  const since = deliveryLog.since;
  if (since === undefined) {
    // No log yet (a new data dir, or one from before the log existed): it starts here.
    await deliveryLog.restart(archive.lastId);
  } else {
    const recovered = router.recoverUndelivered(since);
    if (recovered > 0) {
      log(
        `[events] delivering ${recovered} deliveries of events the last run acknowledged but did not deliver`,
      );
    }
  }

  // Stop in reverse: edges first, then the bus, the functions, and DynamoDB Local last.
  const stopSteps = [...cleanups].reverse();
  let stopping: Promise<void> | undefined;
  return {
    urls: {
      http: `http://127.0.0.1:${httpPort}`,
      ws: `ws://127.0.0.1:${wsPort}`,
      aws: aws.url,
      dynamodb: dynamo.endpoint,
    },
    model,
    dynamodb: dynamo,
    invoke,
    runner,
    router,
    deadLetters,
    archive,
    asyncInvocations,
    pendingWork,
    schedules,
    folderTriggers,
    folderRoots: Object.fromEntries(folderRoots.triggers.map((t) => [t.trigger.id, t.rootDir])),
    startupMs: Date.now() - input.startedAt,
    stop: () => {
      stopping ??= stopAll(stopSteps);
      return stopping;
    },
  };
};

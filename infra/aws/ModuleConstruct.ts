import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { eventSource } from '../../shared/contracts/eventCatalog.ts';
import { functionEntryPath } from '../../shared/platformModel/functionEntryPath.ts';
import { functionEnvironment } from '../../shared/platformModel/functionEnvironment.ts';
import { repositoryRoot } from '../../shared/platformModel/loadPlatformModel.ts';
import { SUBSCRIPTION_BATCH_SIZE } from '../../shared/platformModel/modelConstants.ts';
import type {
  ModuleModel,
  PlatformModel,
  RuleModel,
  ScheduleModel,
} from '../../shared/platformModel/PlatformModel.ts';
import { deployedFunctions } from './deployedFunctions.ts';
import type { EventBusConstruct } from './EventBusConstruct.ts';
import { toCdkEventPattern } from './eventPatternProps.ts';
import { ModuleSigningKeys } from './ModuleSigningKeys.ts';
import { ModuleStorage } from './ModuleStorage.ts';
import { ModuleTables } from './ModuleTables.ts';
import { PlatformFunction } from './PlatformFunction.ts';
import type { ServiceCatalogConstruct } from './ServiceCatalogConstruct.ts';

/** Lambda's own retries of a failed scheduled (asynchronous) invocation: at most two. */
const LAMBDA_MAX_ASYNC_RETRIES = 2;
/**
 * A dead letter keeps its original enqueue time, so the DLQ must keep messages longer than the subscription
 * queue does, or a letter could expire on arrival.
 */
const DLQ_RETENTION = Duration.days(14);
const SUBSCRIPTION_QUEUE_RETENTION = Duration.days(4);
/** AWS's guidance for a queue consumed by Lambda: a visibility timeout of at least six function timeouts. */
const VISIBILITY_TIMEOUTS_PER_FUNCTION_TIMEOUT = 6;
/** Rate rules have no model retry policy: retry them briefly, a missed tick is soon followed by the next. */
const SCHEDULE_RETRIES = 2;
const SCHEDULE_MAX_EVENT_AGE = Duration.minutes(5);

export interface ModuleConstructProps {
  readonly model: PlatformModel;
  /** The module this construct renders. */
  readonly module: ModuleModel;
  readonly stage: string;
  /**
   * Values of module settings (manifest `config`), from CDK context `soleil:config`; a setting without a value
   * here gets its declared default.
   * @default {}
   */
  readonly settings?: Readonly<Record<string, string>>;
  readonly eventBus: EventBusConstruct;
  readonly catalog: ServiceCatalogConstruct;
  /**
   * @default RetentionDays.TWO_WEEKS
   */
  readonly logRetention?: RetentionDays;
  /**
   * Removal policy of the module's tables and signing keys.
   * @default RemovalPolicy.DESTROY
   */
  readonly dataRemovalPolicy?: RemovalPolicy;
  /**
   * Deletion protection of the module's tables.
   * @default false
   */
  readonly deletionProtection?: boolean;
  /**
   * Folder that holds the model's `functions/` tree.
   * @default the repository root
   */
  readonly sourceRoot?: string;
}

/**
 * One subscription rendered: the rule, the queue it targets (consumed by the subscriber), the subscription's
 * dead-letter queue and the model rule it came from.
 */
export interface RenderedRule {
  readonly model: RuleModel;
  readonly rule: Rule;
  /** The rule's target; the subscriber consumes it through an event source mapping. */
  readonly queue: Queue;
  /** Receives what the rule could not put on the queue and what the subscriber failed `maxRetries + 1` times. */
  readonly deadLetterQueue: Queue;
}

/** One schedule rendered. */
export interface RenderedSchedule {
  readonly model: ScheduleModel;
  readonly rule: Rule;
  readonly deadLetterQueue: Queue;
}

/**
 * A module's manifest turned into AWS resources: one function per handler, its tables, its subscriptions,
 * its schedules, its KMS signing keys, and a least-privilege role: put events only with its own source, its
 * own tables, sign with its own keys, read the catalog. Cross-module permissions (service calls, health
 * polling) are granted by the root stack (ModuleInvokePolicy), so module stacks never refer to each other.
 *
 * A subscription is EventBridge → SQS → Lambda: the rule targets an encrypted queue of the subscription
 * (retry policy and DLQ of the target cover only failures to put the event on the queue, within the model's
 * `maxEventAgeSeconds`); the subscriber consumes the queue in small batches and reports the records it failed
 * (`ReportBatchItemFailures`); a record received `maxRetries + 1` times moves to the subscription's DLQ. So
 * the model's `maxRetries` counts handler retries, here and on the embedded platform alike.
 */
export class ModuleConstruct extends Construct {
  readonly moduleModel: ModuleModel;
  /** Name of the bus the module's rules listen on. */
  readonly busName: string;
  /** The role every function of the module runs with. */
  readonly role: Role;
  /** Deployed functions by model function id. */
  readonly functions: ReadonlyMap<string, NodejsFunction>;
  readonly tables: ModuleTables;
  /** The module's KMS signing keys (none unless its manifest declares `signingKeys`). */
  readonly signingKeys: ModuleSigningKeys;
  /** The module's buckets and secrets (none unless its manifest declares them). */
  readonly storage: ModuleStorage;
  readonly rules: readonly RenderedRule[];
  readonly schedules: readonly RenderedSchedule[];
  /** Receives scheduled invocations that failed after Lambda's own retries; absent without schedules. */
  readonly failedInvocationsQueue: Queue | undefined;
  private readonly model: PlatformModel;

  constructor(scope: Construct, id: string, props: ModuleConstructProps) {
    super(scope, id);
    const { model, module } = props;
    this.model = model;
    this.moduleModel = module;
    this.busName = props.eventBus.bus.eventBusName;

    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Functions of the ${module.name} module`,
    });
    const tableModels = model.tables.filter((t) => t.module === module.name && !t.localOnly);
    this.tables = new ModuleTables(this, 'Tables', {
      tables: tableModels,
      ...(props.dataRemovalPolicy ? { removalPolicy: props.dataRemovalPolicy } : {}),
      deletionProtection: props.deletionProtection ?? false,
    });
    for (const table of this.tables.byId.values()) table.grantReadWriteData(this.role);
    this.signingKeys = new ModuleSigningKeys(this, 'SigningKeys', {
      keys: (model.signingKeys ?? []).filter((k) => k.module === module.name),
      ...(props.dataRemovalPolicy ? { removalPolicy: props.dataRemovalPolicy } : {}),
    });
    this.signingKeys.grantSign(this.role);
    this.storage = new ModuleStorage(this, 'Storage', {
      buckets: (model.buckets ?? []).filter((b) => b.module === module.name),
      secrets: (model.secrets ?? []).filter((s) => s.module === module.name),
      ...(props.dataRemovalPolicy ? { removalPolicy: props.dataRemovalPolicy } : {}),
    });
    this.storage.grantModule(this.role);
    props.eventBus.grantPutEventsFromSource(this.role, eventSource(module.name));
    props.catalog.grantRead(this.role);

    const ownFunctions = deployedFunctions(model).filter((fn) => fn.module === module.name);
    // Only schedules invoke asynchronously: subscribers read their queues, whose redrive policy dead-letters.
    const asyncFunctionIds = new Set(
      model.schedules.filter((s) => s.module === module.name).map((s) => s.functionId),
    );
    this.failedInvocationsQueue =
      asyncFunctionIds.size > 0 ? this.deadLetterQueue('FailedInvocations') : undefined;

    const functions = new Map<string, NodejsFunction>();
    const logGroupArns: string[] = [];
    for (const fn of ownFunctions) {
      const environment = functionEnvironment(model, fn, {
        stage: props.stage,
        eventBusName: props.eventBus.bus.eventBusName,
        serviceCatalogTable: props.catalog.tableName,
        tableName: (tableId) => this.tables.byId.get(tableId)?.tableName,
        configValue: (name, declared) => props.settings?.[name] ?? declared.default ?? undefined,
        signingKeyId: (keyId) => this.signingKeys.byId.get(keyId)?.keyArn,
        previousSigningKeyId: (keyId) => this.signingKeys.previousById.get(keyId)?.keyArn,
        bucketName: (bucketId) => this.storage.bucketsById.get(bucketId)?.bucketName ?? bucketId,
        secretName: (secretId) => this.storage.secretsById.get(secretId)?.secretName ?? secretId,
        servesLocalOnlyRoutes: false,
      });
      const rendered = new PlatformFunction(this, fn.id, {
        entry: functionEntryPath(fn, props.sourceRoot ?? repositoryRoot(), repositoryRoot()),
        exportName: fn.exportName,
        memoryMb: fn.memoryMb,
        timeoutSeconds: fn.timeoutSeconds,
        role: this.role,
        environment,
        logRetention: props.logRetention ?? RetentionDays.TWO_WEEKS,
        ...(props.dataRemovalPolicy ? { logRemovalPolicy: props.dataRemovalPolicy } : {}),
        description: `${module.name}: ${fn.handler} (${fn.roles.join(', ')})`,
        ...(asyncFunctionIds.has(fn.id) && this.failedInvocationsQueue
          ? {
              deadLetterQueue: this.failedInvocationsQueue,
              retryAttempts: LAMBDA_MAX_ASYNC_RETRIES,
            }
          : {}),
      });
      functions.set(fn.id, rendered.function);
      logGroupArns.push(rendered.logGroup.logGroupArn);
    }
    this.functions = functions;
    // One statement for every log group of the module keeps the role's policy small.
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: logGroupArns,
      }),
    );

    this.rules = model.rules
      .filter((r) => r.module === module.name)
      .map((ruleModel) => {
        const deadLetterQueue = this.deadLetterQueue(`${ruleModel.subscriptionId}-DLQ`);
        const timeoutSeconds =
          model.functions.find((f) => f.id === ruleModel.functionId)?.timeoutSeconds ?? 30;
        const queue = new Queue(this, `${ruleModel.subscriptionId}-Queue`, {
          encryption: QueueEncryption.SQS_MANAGED,
          enforceSSL: true,
          retentionPeriod: SUBSCRIPTION_QUEUE_RETENTION,
          visibilityTimeout: Duration.seconds(timeoutSeconds * VISIBILITY_TIMEOUTS_PER_FUNCTION_TIMEOUT),
          deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: ruleModel.maxRetries + 1 },
        });
        const rule = new Rule(this, `Rule-${ruleModel.subscriptionId}`, {
          eventBus: props.eventBus.bus,
          description: `${module.name} subscription ${ruleModel.subscriptionId}`,
          eventPattern: toCdkEventPattern(ruleModel.pattern),
        });
        // The target's queue policy lets only this rule (aws:SourceArn) send to the queue and to the DLQ.
        rule.addTarget(
          new SqsQueue(queue, {
            deadLetterQueue,
            retryAttempts: ruleModel.maxRetries,
            maxEventAge: Duration.seconds(ruleModel.maxEventAgeSeconds),
          }),
        );
        this.functionById(ruleModel.functionId).addEventSource(
          new SqsEventSource(queue, {
            batchSize: SUBSCRIPTION_BATCH_SIZE,
            reportBatchItemFailures: true,
            ...(ruleModel.batchingWindowSeconds
              ? { maxBatchingWindow: Duration.seconds(ruleModel.batchingWindowSeconds) }
              : {}),
          }),
        );
        return { model: ruleModel, rule, queue, deadLetterQueue };
      });

    this.schedules = model.schedules
      .filter((s) => s.module === module.name)
      .map((scheduleModel) => {
        const deadLetterQueue = this.deadLetterQueue(`${scheduleModel.scheduleId}-DLQ`);
        const rule = new Rule(this, `Schedule-${scheduleModel.scheduleId}`, {
          description: `${module.name} schedule ${scheduleModel.scheduleId}: ${scheduleModel.description}`,
          schedule: Schedule.rate(Duration.minutes(scheduleModel.rateMinutes)),
        });
        rule.addTarget(
          new LambdaFunction(this.functionById(scheduleModel.functionId), {
            deadLetterQueue,
            retryAttempts: SCHEDULE_RETRIES,
            maxEventAge: SCHEDULE_MAX_EVENT_AGE,
          }),
        );
        return { model: scheduleModel, rule, deadLetterQueue };
      });
  }

  /** The deployed function of a model function id of this module. */
  functionById(functionId: string): NodejsFunction {
    const fn = this.functions.get(functionId);
    if (!fn) throw new Error(`Module "${this.moduleModel.name}" has no deployed function "${functionId}".`);
    return fn;
  }

  /** Every dead-letter queue of the module (subscriptions, schedules, failed scheduled invocations). */
  get deadLetterQueues(): Queue[] {
    return [
      ...this.rules.map((r) => r.deadLetterQueue),
      ...this.schedules.map((s) => s.deadLetterQueue),
      ...(this.failedInvocationsQueue ? [this.failedInvocationsQueue] : []),
    ];
  }

  /** The functions behind this module's services (what modules that `use` it may invoke). */
  get serviceFunctions(): NodejsFunction[] {
    return this.model.services
      .filter((s) => s.module === this.moduleModel.name)
      .map((s) => this.functionById(s.functionId));
  }

  /** This module's health check. */
  get healthFunction(): NodejsFunction {
    return this.functionById(this.moduleModel.healthFunctionId);
  }

  private deadLetterQueue(id: string): Queue {
    return new Queue(this, id, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DLQ_RETENTION,
    });
  }
}

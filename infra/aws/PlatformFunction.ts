import path from 'node:path';
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { RUNTIME_ENV } from '../../shared/contracts/platformEnvironment.ts';
import { repositoryRoot } from '../../shared/platformModel/loadPlatformModel.ts';
import { platformBundling } from './functionBundling.ts';

/** The Lambda runtime of every platform function; functionBundling's esbuild target follows it. */
const PLATFORM_RUNTIME = Runtime.NODEJS_24_X;

export interface PlatformFunctionProps {
  /** Source file: absolute, or relative to `sourceRoot` (e.g. `functions/core/handlers/getHealth.ts`). */
  readonly entry: string;
  /** The export of `entry` Lambda calls. */
  readonly exportName: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** Execution role; it needs logs:CreateLogStream/PutLogEvents on `logGroup` (see `logGroup`). */
  readonly role: IRole;
  /** The function's environment; only Node's options (source maps) are added. */
  readonly environment: Record<string, string>;
  /**
   * @default RetentionDays.TWO_WEEKS
   */
  readonly logRetention?: RetentionDays;
  /**
   * What happens to the log group when the function goes away.
   * @default the LogGroup default (RETAIN)
   */
  readonly logRemovalPolicy?: RemovalPolicy;
  /**
   * Folder `entry` is relative to (tests point it at a fixture tree).
   * @default the repository root
   */
  readonly sourceRoot?: string;
  /** @default none */
  readonly description?: string;
  /**
   * Where asynchronous invocations go once Lambda's retries are spent (rule and schedule targets).
   * @default none: the function is invoked synchronously and its caller sees the error
   */
  readonly deadLetterQueue?: IQueue;
  /**
   * Lambda's own retries of a failed asynchronous invocation (0 to 2).
   * @default 2
   */
  readonly retryAttempts?: number;
}

/**
 * A platform Lambda function: bundled by local esbuild (minified ESM, source maps), arm64, the platform
 * runtime, active tracing, JSON logs into its own log group with retention.
 */
export class PlatformFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: PlatformFunctionProps) {
    super(scope, id);
    const root = repositoryRoot();
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.TWO_WEEKS,
      ...(props.logRemovalPolicy ? { removalPolicy: props.logRemovalPolicy } : {}),
    });
    this.function = new NodejsFunction(this, 'Function', {
      entry: path.resolve(props.sourceRoot ?? root, props.entry),
      handler: props.exportName,
      projectRoot: root,
      depsLockFilePath: path.join(root, 'package-lock.json'),
      runtime: PLATFORM_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb,
      timeout: Duration.seconds(props.timeoutSeconds),
      tracing: Tracing.ACTIVE,
      role: props.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      // Stack traces point at the TypeScript sources: the bundles ship source maps.
      environment: { [RUNTIME_ENV.nodeOptions]: '--enable-source-maps', ...props.environment },
      bundling: platformBundling,
      ...(props.description ? { description: props.description } : {}),
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      ...(props.retryAttempts !== undefined ? { retryAttempts: props.retryAttempts } : {}),
    });
  }
}

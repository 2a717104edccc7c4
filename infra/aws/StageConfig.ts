import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';

/** The deployment stages the app knows; anything else is refused at synth. */
const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

/** Everything that differs between stages, decided once from CDK context. */
export interface StageConfig {
  readonly stage: Stage;
  /** Set only when context names them, so `cdk synth` stays environment-agnostic and needs no credentials. */
  readonly account: string | undefined;
  readonly region: string | undefined;
  readonly logRetention: RetentionDays;
  readonly archiveRetentionDays: number;
  /** What happens to data (tables, archive, keys) when the stack or a resource goes away. */
  readonly dataRemovalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
  /** The WebSocket stage's limits (the HTTP API's come from the platform model). */
  readonly webSocketThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Values of module settings (`-c soleil:config='{"SOLEIL_AUTH_GOOGLE_CLIENT_ID":"..."}'`); never secrets. */
  readonly settings: Readonly<Record<string, string>>;
  /**
   * Browser origins allowed to call the HTTP API cross-origin (`-c corsAllowOrigins=https://app.example.com,...`).
   * Empty (the default in every stage): no CORS, only same-origin front ends. `*` is accepted in dev only.
   */
  readonly corsAllowOrigins: readonly string[];
}

/** Thrown when CDK context holds a value the app cannot use; the message says which key and what is allowed. */
export class InvalidStageContextError extends Error {
  override readonly name = 'InvalidStageContextError';
}

const optionalString = (node: Node, key: string): string | undefined => {
  const value: unknown = node.tryGetContext(key);
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

const positiveInt = (node: Node, key: string, fallback: number): number => {
  const raw: unknown = node.tryGetContext(key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new InvalidStageContextError(
      `CDK context "${key}" must be a positive integer, got ${JSON.stringify(raw)}.`,
    );
  }
  return value;
};

/** Module settings from context `soleil:config`: an object (or its JSON text, as `-c` passes it) of strings. */
const settingsFromContext = (node: Node): Record<string, string> => {
  const raw: unknown = node.tryGetContext('soleil:config');
  if (raw === undefined) return {};
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new InvalidStageContextError('CDK context "soleil:config" must be a JSON object of strings.');
    }
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    !Object.values(value).every((v) => typeof v === 'string')
  ) {
    throw new InvalidStageContextError('CDK context "soleil:config" must be a JSON object of strings.');
  }
  return value as Record<string, string>;
};

const ORIGIN = /^https?:\/\/[^/\s]+$/;

/** `corsAllowOrigins`: a comma-separated string (as `-c` passes it) or a list of origins. */
const corsOriginsFromContext = (node: Node, prod: boolean): string[] => {
  const raw: unknown = node.tryGetContext('corsAllowOrigins');
  if (raw === undefined || raw === '') return [];
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : null;
  const origins = list?.map((o) => (typeof o === 'string' ? o.trim() : o));
  if (!origins?.every((o): o is string => typeof o === 'string' && (o === '*' || ORIGIN.test(o)))) {
    throw new InvalidStageContextError(
      'CDK context "corsAllowOrigins" must list origins like https://app.example.com (comma-separated), or *.',
    );
  }
  if (prod && origins.includes('*')) {
    throw new InvalidStageContextError(
      'CDK context "corsAllowOrigins" cannot be * in prod: name the front end origins.',
    );
  }
  return origins;
};

/**
 * Reads the stage settings from CDK context (`-c stage=prod`, `-c account=...`, `-c region=...`,
 * `-c archiveRetentionDays=...`, `-c corsAllowOrigins=...`). Defaults are the safe ones: dev, no environment,
 * no CORS.
 */
export const stageConfigFromContext = (node: Node): StageConfig => {
  const stage = optionalString(node, 'stage') ?? 'dev';
  if (!(STAGES as readonly string[]).includes(stage)) {
    throw new InvalidStageContextError(
      `CDK context "stage" must be one of ${STAGES.join(', ')}, got "${stage}".`,
    );
  }
  const prod = stage === 'prod';
  return {
    stage: stage as Stage,
    account: optionalString(node, 'account'),
    region: optionalString(node, 'region'),
    logRetention: prod ? RetentionDays.ONE_YEAR : RetentionDays.TWO_WEEKS,
    archiveRetentionDays: positiveInt(node, 'archiveRetentionDays', prod ? 365 : 7),
    dataRemovalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    deletionProtection: prod,
    webSocketThrottle: prod ? { rateLimit: 200, burstLimit: 400 } : { rateLimit: 20, burstLimit: 40 },
    settings: settingsFromContext(node),
    corsAllowOrigins: corsOriginsFromContext(node, prod),
  };
};

import type { EventPattern } from 'aws-cdk-lib/aws-events';

/** EventBridge's top-level pattern fields and their names in CDK's EventPattern. */
const CDK_PATTERN_KEYS: Readonly<Record<string, keyof EventPattern>> = {
  version: 'version',
  id: 'id',
  'detail-type': 'detailType',
  source: 'source',
  account: 'account',
  time: 'time',
  region: 'region',
  resources: 'resources',
  detail: 'detail',
};

/** Thrown when a model pattern uses a top-level field EventBridge does not have. */
export class UnsupportedPatternFieldError extends Error {
  override readonly name = 'UnsupportedPatternFieldError';
}

/**
 * Converts a model rule pattern (EventBridge JSON, kebab-case keys) to CDK's EventPattern; CDK renders it back
 * to the same JSON, so the deployed rule is exactly the model's pattern.
 */
export const toCdkEventPattern = (pattern: Record<string, unknown>): EventPattern => {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pattern)) {
    const cdkKey = CDK_PATTERN_KEYS[key];
    if (!cdkKey) {
      throw new UnsupportedPatternFieldError(
        `Event pattern field "${key}" is not an EventBridge event field (use one of ${Object.keys(CDK_PATTERN_KEYS).join(', ')}).`,
      );
    }
    result[cdkKey] = value;
  }
  return result as EventPattern;
};

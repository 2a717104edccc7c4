import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Context } from 'aws-lambda';

/**
 * How long a handled event id is remembered. EventBridge retries for up to 24 h (MaximumEventAgeInSeconds);
 * an extra hour covers a delivery that started just before that limit.
 */
const EVENT_IDEMPOTENCY_SECONDS = 25 * 60 * 60;

/**
 * Runs `work` at most once per `(scope, eventId)` across deliveries, with Powertools idempotency: a
 * duplicate that arrives after success is skipped; one that arrives while the first is running throws
 * (so EventBridge retries it later); a failed run leaves no record, so the retry runs again.
 */
export const runOncePerEvent = async (options: {
  readonly persistenceStore: BasePersistenceLayer;
  readonly scope: string;
  readonly eventId: string;
  readonly context: Context | undefined;
  readonly expiresAfterSeconds?: number;
  readonly work: () => Promise<void>;
}): Promise<{ duplicate: boolean }> => {
  let ran = false;
  const config = new IdempotencyConfig({
    expiresAfterSeconds: options.expiresAfterSeconds ?? EVENT_IDEMPOTENCY_SECONDS,
  });
  // With the Lambda context, a run that dies with its container expires after the timeout, not after a day.
  if (typeof options.context?.getRemainingTimeInMillis === 'function')
    config.registerLambdaContext(options.context);
  const once = makeIdempotent(
    async (_key: { eventId: string }): Promise<boolean> => {
      ran = true;
      await options.work();
      return true;
    },
    { persistenceStore: options.persistenceStore, config, keyPrefix: options.scope, dataIndexArgument: 0 },
  );
  await once({ eventId: options.eventId });
  return { duplicate: !ran };
};

import { LOCAL_NAMES } from '../shared/localNames.ts';

/** Which bus a request's `EventBusName` (name or ARN) designates locally. */
export type LocalBus = 'platform' | 'default' | 'unknown';

/** ARN of a bus of the local account in `region`. */
export const eventBusArn = (region: string, name: string): string =>
  `arn:aws:events:${region}:${LOCAL_NAMES.account}:event-bus/${name}`;

/**
 * Resolves an `EventBusName` as EventBridge does: omitted means the account's `default` bus; a name or an
 * ARN of this account and region designates that bus. The platform's rules all live on its own bus
 * (`soleil-local`, as the CDK stack puts them on its custom bus), so `default` exists but has no rule.
 */
export const resolveEventBus = (nameOrArn: unknown, region: string): LocalBus => {
  if (nameOrArn === undefined || nameOrArn === null || nameOrArn === '') return 'default';
  if (typeof nameOrArn !== 'string') return 'unknown';
  const name = nameOrArn.startsWith('arn:') ? nameInArn(nameOrArn, region) : nameOrArn;
  if (name === LOCAL_NAMES.eventBusName) return 'platform';
  if (name === 'default') return 'default';
  return 'unknown';
};

const nameInArn = (arn: string, region: string): string | undefined => {
  const prefix = eventBusArn(region, '');
  return arn.startsWith(prefix) ? arn.slice(prefix.length) : undefined;
};

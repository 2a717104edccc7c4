import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalAwsEndpoint } from '../../../../../infra/local/aws/LocalAwsEndpoint.ts';
import { DlqUsageError, runDlqCommand } from '../../../../../infra/local/cli/dlqCommand.ts';
import { DeadLetterStore } from '../../../../../infra/local/deadLetters/DeadLetterStore.ts';
import { EventArchive } from '../../../../../infra/local/events/EventArchive.ts';
import { EventRouter } from '../../../../../infra/local/events/EventRouter.ts';
import { RetryPolicy } from '../../../../../infra/local/events/RetryPolicy.ts';
import type { BusEvent } from '../../../../../infra/local/shared/BusEvent.ts';
import type { RuleModel } from '../../../../../shared/platformModel/PlatformModel.ts';

const rule: RuleModel = {
  id: 'content-onFileChanged',
  module: 'content',
  subscriptionId: 'onFileChanged',
  events: ['drive.file_changed'],
  pattern: { source: ['soleil.drive'] },
  functionId: 'content-onFileChanged',
  maxRetries: 0,
  maxEventAgeSeconds: 60,
};
const event: BusEvent = {
  version: '0',
  id: 'e-1',
  'detail-type': 'drive.file_changed',
  source: 'soleil.drive',
  account: '000000000000',
  time: '2026-01-01T00:00:00Z',
  region: 'eu-west-1',
  resources: [],
  detail: {},
};

const delivered: string[] = [];
const deadLetters = new DeadLetterStore();
const router = new EventRouter({
  rules: [rule],
  invoke: async (functionId) => {
    delivered.push(functionId);
    return { ok: true, result: null };
  },
  retryPolicy: new RetryPolicy(),
  deadLetters,
  archive: new EventArchive(),
});
const endpoint = new LocalAwsEndpoint({
  eventBridge: { router, rules: [rule], region: 'eu-west-1' },
  lambda: { invoke: async () => ({ ok: true, result: null }), hasFunction: () => false, region: 'eu-west-1' },
  admin: { router, deadLetters },
  connections: () => undefined,
});
let url = '';

beforeAll(async () => {
  url = (await endpoint.start(0)).url;
});
afterAll(() => endpoint.stop());

describe('npm run dlq', () => {
  it('lists dead letters, redrives a rule, and reports none left', async () => {
    deadLetters.add({
      ruleId: rule.id,
      functionId: rule.functionId,
      event,
      errorType: 'Error',
      errorMessage: 'not ready',
      exhaustedRetryCondition: 'MaximumRetryAttempts',
      retryAttempts: 0,
    });
    const listed = await runDlqCommand(['list'], url);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toContain('content-onFileChanged  drive.file_changed  event e-1  Error: not ready');
    expect(await runDlqCommand(['redrive', 'content-onFileChanged'], url)).toEqual([
      'Redriven 1 dead letter of content-onFileChanged.',
    ]);
    await router.idle();
    expect(delivered).toEqual(['content-onFileChanged']);
    expect(await runDlqCommand(['list', 'content-onFileChanged'], url)).toEqual([
      'No dead letters for rule content-onFileChanged.',
    ]);
  });

  it('explains its usage and a platform that is not running', async () => {
    await expect(runDlqCommand(['redrive'], url)).rejects.toBeInstanceOf(DlqUsageError);
    await expect(runDlqCommand(['list'], 'http://127.0.0.1:1')).rejects.toThrow(/npm start/);
  });
});

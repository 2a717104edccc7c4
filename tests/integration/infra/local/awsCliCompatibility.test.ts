import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalAwsEndpoint } from '../../../../infra/local/aws/LocalAwsEndpoint.ts';
import { DeadLetterStore } from '../../../../infra/local/deadLetters/DeadLetterStore.ts';
import { EventArchive } from '../../../../infra/local/events/EventArchive.ts';
import { EventRouter } from '../../../../infra/local/events/EventRouter.ts';
import { RetryPolicy } from '../../../../infra/local/events/RetryPolicy.ts';
import type { BusEvent } from '../../../../infra/local/shared/BusEvent.ts';
import type { RuleModel } from '../../../../shared/platformModel/PlatformModel.ts';

// The endpoint must answer other AWS clients than the JS SDK: the AWS CLI and boto3 (when installed).
// They run asynchronously: a synchronous spawn would block the very event loop the endpoint answers on.
const run = promisify(execFile);
const has = (command: string, args: string[]): boolean =>
  spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const awsCli = has('aws', ['--version']);
const boto3 = has('python3', ['-c', 'import boto3']);

const rules: RuleModel[] = [
  {
    id: 'content-onFileAdded',
    module: 'content',
    subscriptionId: 'onFileAdded',
    events: ['drive.file_added'],
    pattern: { source: ['soleil.drive'] },
    functionId: 'content-onFileAdded',
    maxRetries: 0,
    maxEventAgeSeconds: 60,
  },
];
const delivered: BusEvent[] = [];
const router = new EventRouter({
  rules,
  invoke: async (_fn, batch) => {
    // Subscribers receive what the subscription queue would hand them: an SQS batch of the bus event.
    const [record] = (batch as { Records: { body: string }[] }).Records;
    delivered.push(JSON.parse(record?.body ?? 'null') as BusEvent);
    return { ok: true, result: null };
  },
  retryPolicy: new RetryPolicy(),
  deadLetters: new DeadLetterStore(),
  archive: new EventArchive(),
});
const endpoint = new LocalAwsEndpoint({
  eventBridge: { router, rules, region: 'eu-west-1' },
  lambda: {
    invoke: async (functionId, event) => ({ ok: true, result: { functionId, event } }),
    hasFunction: (id) => id === 'core-health',
    region: 'eu-west-1',
  },
  admin: { router, deadLetters: new DeadLetterStore() },
  connections: () => undefined,
});
let url = '';
const env = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_DEFAULT_REGION: 'eu-west-1',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
};

beforeAll(async () => {
  url = (await endpoint.start(0)).url;
});
afterAll(async () => {
  router.stop();
  await endpoint.stop();
});

describe('the local AWS endpoint with other AWS clients', () => {
  it.skipIf(!awsCli)('answers `aws events put-events`', async () => {
    const entries = JSON.stringify([
      {
        EventBusName: 'soleil-local',
        Source: 'soleil.drive',
        DetailType: 'drive.file_added',
        Detail: '{"via":"cli"}',
      },
    ]);
    const { stdout } = await run(
      'aws',
      ['events', 'put-events', '--endpoint-url', url, '--entries', entries],
      {
        env,
        timeout: 20_000,
      },
    );
    const result = JSON.parse(stdout) as { FailedEntryCount: number; Entries: { EventId: string }[] };
    expect(result.FailedEntryCount).toBe(0);
    await router.idle();
    expect(delivered.find((e) => e.id === result.Entries[0]?.EventId)?.detail).toEqual({ via: 'cli' });
  });

  it.skipIf(!boto3)('answers boto3 (events.put_events, lambda.invoke)', async () => {
    const script = `
import boto3, json, sys
kw = dict(endpoint_url=sys.argv[1], region_name='eu-west-1', aws_access_key_id='local', aws_secret_access_key='local')
events = boto3.client('events', **kw)
put = events.put_events(Entries=[{'EventBusName': 'soleil-local', 'Source': 'soleil.drive', 'DetailType': 'drive.file_added', 'Detail': '{}'}])
payload = boto3.client('lambda', **kw).invoke(FunctionName='core-health', Payload=b'{"x": 1}')['Payload'].read()
print(json.dumps({'failed': put['FailedEntryCount'], 'payload': json.loads(payload)}))
`;
    const { stdout } = await run('python3', ['-c', script, url], { env, timeout: 20_000 });
    expect(JSON.parse(stdout)).toEqual({
      failed: 0,
      payload: { functionId: 'core-health', event: { x: 1 } },
    });
  });

  it.skipIf(!boto3)(
    'refuses boto3 signing with another secret (InvalidSignatureException), as AWS would',
    async () => {
      const script = `
import boto3, sys
from botocore.exceptions import ClientError
events = boto3.client('events', endpoint_url=sys.argv[1], region_name='eu-west-1', aws_access_key_id='local', aws_secret_access_key='guess')
try:
    events.list_event_buses()
    print('accepted')
except ClientError as error:
    print(error.response['Error']['Code'])
`;
      const { stdout } = await run('python3', ['-c', script, url], { env, timeout: 20_000 });
      expect(stdout.trim()).toBe('InvalidSignatureException');
    },
  );

  it.skipIf(!boto3)(
    'verifies an S3 presigned URL made by boto3 (query-string SigV4), and its expiry',
    async () => {
      const presign = async (expiresIn: number) => {
        const script = `
import boto3, sys
from botocore.config import Config
s3 = boto3.client('s3', endpoint_url=sys.argv[1], region_name='eu-west-1', aws_access_key_id='local',
                  aws_secret_access_key='local', config=Config(signature_version='s3v4', s3={'addressing_style': 'path'}))
print(s3.generate_presigned_url('get_object', Params={'Bucket': 'soleil-drive', 'Key': 'band 1/Blue Bossa.pdf'}, ExpiresIn=int(sys.argv[2])))
`;
        return (
          await run('python3', ['-c', script, url, String(expiresIn)], { env, timeout: 20_000 })
        ).stdout.trim();
      };
      const link = await presign(60);
      expect(link).toContain('X-Amz-Signature=');
      // Signature accepted: the endpoint has no S3 API (yet), so it answers that the operation is unknown.
      const accepted = await fetch(link);
      expect(accepted.status).toBe(404);
      const tampered = await fetch(link.replace('Blue%20Bossa', 'Other'));
      expect(tampered.status).toBe(403);
      expect(await tampered.json()).toMatchObject({ __type: 'SignatureDoesNotMatch' });
      const shortLived = await presign(1);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const expired = await fetch(shortLived);
      expect(expired.status).toBe(403);
      expect(await expired.json()).toMatchObject({ __type: 'AccessDenied', message: 'Request has expired.' });
    },
  );
});

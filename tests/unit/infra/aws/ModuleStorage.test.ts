import { beforeAll, describe, expect, it } from 'vitest';
import type { ModuleManifest } from '../../../../shared/contracts/moduleManifest.ts';
import type { PlatformModel } from '../../../../shared/platformModel/PlatformModel.ts';
import { type Cfn, ROOT, type StackTemplates } from './stackTemplates.ts';
import { fixtureManifests, modelOf, synthStack } from './synthFixtureStack.ts';

/** The fixture's sync module gets a bucket and a secret; auth gets neither, so a grant leaking would show. */
const withStorage = (manifests: ModuleManifest[]): ModuleManifest[] =>
  manifests.map((m) =>
    m.name === 'sync'
      ? {
          ...m,
          buckets: [{ name: 'file-cache', description: 'Cached bytes.', expireAfterDays: 30 }],
          secrets: [{ name: 'google-key', description: 'A key file.' }],
        }
      : m,
  );

let model: PlatformModel;
let synth: ReturnType<typeof synthStack>;
let t: StackTemplates;

/** Every statement of the policies attached to a module's role, in any stack. */
const statementsOf = (module: string): Record<string, Cfn>[] =>
  t.statementsOf(synth.stack.modules.get(module)?.role).map(({ statement }) => statement);
const actionsOf = (statements: Record<string, Cfn>[]): string[] =>
  statements.flatMap((s) => [s.Action].flat());

beforeAll(async () => {
  model = modelOf(withStorage(await fixtureManifests()));
  synth = synthStack(model);
  t = synth.templates;
});

describe('module buckets', () => {
  it('renders an encrypted, private, TLS-only bucket whose objects expire, in its module’s stack', () => {
    const buckets = t.allOfType('AWS::S3::Bucket');
    expect(buckets.map(({ stack }) => stack)).toEqual(['sync']);
    const props: Cfn = buckets[0]?.resource.Properties;
    expect(props.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual(
      {
        SSEAlgorithm: 'AES256',
      },
    );
    expect(props.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(props.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({ ExpirationInDays: 30, Status: 'Enabled' }),
    ]);
    const policy = t.ofType('sync', 'AWS::S3::BucketPolicy')[0]?.[1].Properties.PolicyDocument
      .Statement as Cfn[];
    expect(policy).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('names the bucket to its module’s functions only', () => {
    const variables = t.allOfType('AWS::Lambda::Function').map(({ resource: f }) => ({
      description: f.Properties.Description as string,
      env: (f.Properties.Environment?.Variables ?? {}) as Record<string, unknown>,
    }));
    const withBucket = variables.filter((v) => 'SOLEIL_BUCKET_FILE_CACHE' in v.env);
    expect(withBucket.length).toBeGreaterThan(0);
    expect(withBucket.every((v) => v.description.startsWith('sync:'))).toBe(true);
  });
});

describe('module secrets', () => {
  it('creates the secret empty and names it in the root stack’s outputs (the ones cdk deploy shows)', () => {
    const secrets = t.allOfType('AWS::SecretsManager::Secret');
    expect(secrets.map(({ stack }) => stack)).toEqual(['sync']);
    const props: Cfn = secrets[0]?.resource.Properties;
    expect(props.GenerateSecretString).toBeUndefined();
    expect(props.SecretString).toBeUndefined();
    const outputs = Object.values(t.root.toJSON().Outputs as Record<string, Cfn>);
    const named = outputs.filter((o) => String(o.Description).startsWith('Secret of sync: A key file.'));
    expect(named).toHaveLength(1);
    // The secret's name, derived from its ARN (the Ref in the sync stack), so an operator can put the value.
    expect(JSON.stringify(t.followDeep(ROOT, named[0].Value))).toContain(`{"Ref":"${secrets[0]?.id}"}`);
  });
});

describe('checks', () => {
  it('passes the cdk-nag AwsSolutions and Serverless packs with a bucket and a secret', () => {
    const { app } = synthStack(model, { nag: true });
    expect(() => app.synth()).not.toThrow();
  });
});

describe('least privilege', () => {
  it('lets the owning module read its secret and read/write its bucket’s objects, and no one else', () => {
    const sync = actionsOf(statementsOf('sync'));
    expect(sync).toContain('secretsmanager:GetSecretValue');
    expect(sync).toEqual(expect.arrayContaining(['s3:GetObject*', 's3:PutObject', 's3:DeleteObject*']));
    expect(sync).not.toContain('s3:*');
    expect(
      sync.filter((a) => a.startsWith('secretsmanager:')).every((a) => !/Put|Update|Delete|\*/.test(a)),
    ).toBe(true);
    const auth = actionsOf(statementsOf('auth'));
    expect(auth.some((a) => a.startsWith('s3:') || a.startsWith('secretsmanager:'))).toBe(false);
  });
});

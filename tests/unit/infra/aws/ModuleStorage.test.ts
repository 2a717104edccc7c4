import { beforeAll, describe, expect, it } from 'vitest';
import type { ModuleManifest } from '../../../../shared/contracts/moduleManifest.ts';
import type { PlatformModel } from '../../../../shared/platformModel/PlatformModel.ts';
import { fixtureManifests, modelOf, synthStack } from './synthFixtureStack.ts';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON.
type Cfn = any;
type Resource = { Type: string; Properties: Record<string, Cfn>; DeletionPolicy?: string };

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
let resources: [string, Resource][];

const ofType = (type: string): [string, Resource][] => resources.filter(([, r]) => r.Type === type);
const statementsOf = (module: string): Record<string, Cfn>[] =>
  ofType('AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(`Module${module}Role`))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Record<string, Cfn>[]);
const actionsOf = (statements: Record<string, Cfn>[]): string[] =>
  statements.flatMap((s) => [s.Action].flat());

beforeAll(async () => {
  model = modelOf(withStorage(await fixtureManifests()));
  synth = synthStack(model);
  resources = Object.entries(synth.template.toJSON().Resources as Record<string, Resource>);
});

describe('module buckets', () => {
  it('renders an encrypted, private, TLS-only bucket whose objects expire', () => {
    const buckets = ofType('AWS::S3::Bucket');
    expect(buckets).toHaveLength(1);
    const props: Cfn = buckets[0]?.[1].Properties;
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
    const policy = ofType('AWS::S3::BucketPolicy')[0]?.[1].Properties.PolicyDocument.Statement as Cfn[];
    expect(policy).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('names the bucket to its module’s functions only', () => {
    const variables = ofType('AWS::Lambda::Function').map(([, f]) => ({
      description: f.Properties.Description as string,
      env: (f.Properties.Environment?.Variables ?? {}) as Record<string, unknown>,
    }));
    const withBucket = variables.filter((v) => 'SOLEIL_BUCKET_FILE_CACHE' in v.env);
    expect(withBucket.length).toBeGreaterThan(0);
    expect(withBucket.every((v) => v.description.startsWith('sync:'))).toBe(true);
  });
});

describe('module secrets', () => {
  it('creates the secret empty and names it in the outputs', () => {
    const secrets = ofType('AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(1);
    const props: Cfn = secrets[0]?.[1].Properties;
    expect(props.GenerateSecretString).toBeUndefined();
    expect(props.SecretString).toBeUndefined();
    const outputs = Object.values(synth.template.toJSON().Outputs as Record<string, Cfn>);
    const named = outputs.filter((o) => String(o.Description).startsWith('Secret of sync: A key file.'));
    expect(named).toHaveLength(1);
    // The secret's name, derived from its ARN (the Ref), so an operator can put the value.
    expect(JSON.stringify(named[0].Value)).toContain(`{"Ref":"${secrets[0]?.[0]}"}`);
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

import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { deployedFunctions } from '../../../../infra/aws/deployedFunctions.ts';
import type { ModuleManifest } from '../../../../shared/contracts/moduleManifest.ts';
import type { PlatformModel } from '../../../../shared/platformModel/PlatformModel.ts';
import { fixtureManifests, modelOf, synthStack } from './synthFixtureStack.ts';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON.
type Cfn = any;
type Resource = { Type: string; Properties: Record<string, Cfn>; DeletionPolicy?: string };

/**
 * Modules of the fixture that get signing keys here: two, so a key leaking to the wrong module would show;
 * one key rotated once (generation 2), so it has a previous generation.
 */
const KEYED: Readonly<Record<string, readonly { name: string; generation: number }[]>> = {
  auth: [
    { name: 'access-tokens', generation: 2 },
    { name: 'refresh-proofs', generation: 1 },
  ],
  sync: [{ name: 'messages', generation: 1 }],
};

const withSigningKeys = (manifests: ModuleManifest[]): ModuleManifest[] =>
  manifests.map((m) => ({
    ...m,
    signingKeys: (KEYED[m.name] ?? []).map(({ name, generation }) => ({
      name,
      algorithm: 'ES256' as const,
      description: `Signs ${name}`,
      generation,
    })),
  }));

let model: PlatformModel;
let synth: ReturnType<typeof synthStack>;
let resources: [string, Resource][];

const ofType = (type: string): [string, Resource][] => resources.filter(([, r]) => r.Type === type);
const keyLogicalId = (keyId: string, generation: 'current' | 'previous' = 'current'): string => {
  const key = model.signingKeys?.find((k) => k.id === keyId);
  const keys = synth.stack.modules.get(key?.module ?? '')?.signingKeys;
  const construct = (generation === 'current' ? keys?.byId : keys?.previousById)?.get(keyId);
  if (!construct) throw new Error(`no rendered ${generation} key ${keyId}`);
  return synth.stack.getLogicalId(construct.node.defaultChild as never);
};
const rotated = () => (model.signingKeys ?? []).filter((k) => k.generation > 1);
/** Every KMS statement of the policies attached to a module's role. */
const kmsStatementsOf = (module: string): Record<string, Cfn>[] =>
  ofType('AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(`Module${module}Role`))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Record<string, Cfn>[])
    .filter((s) => [s.Action].flat().some((a: string) => a.startsWith('kms:')));

beforeAll(async () => {
  model = modelOf(withSigningKeys(await fixtureManifests()));
  synth = synthStack(model);
  resources = Object.entries(synth.template.toJSON().Resources as Record<string, Resource>);
});

describe('signing keys rendered from the model', () => {
  it('renders one ECC_NIST_P256 SIGN_VERIFY KMS key per declared key, described', () => {
    const declared = model.signingKeys ?? [];
    expect(declared).toHaveLength(3);
    const signingKeys = ofType('AWS::KMS::Key').filter(([, k]) => k.Properties.KeyUsage === 'SIGN_VERIFY');
    expect(rotated()).toHaveLength(1);
    expect(signingKeys).toHaveLength(declared.length + rotated().length);
    const renderedIds = [
      ...declared.map((k) => keyLogicalId(k.id)),
      ...rotated().map((k) => keyLogicalId(k.id, 'previous')),
    ];
    expect(new Set(renderedIds).size).toBe(signingKeys.length);
    for (const key of declared) {
      const rendered = resources.find(([id]) => id === keyLogicalId(key.id))?.[1];
      expect(rendered?.Type, key.id).toBe('AWS::KMS::Key');
      expect(rendered?.Properties).toMatchObject({
        KeySpec: 'ECC_NIST_P256',
        KeyUsage: 'SIGN_VERIFY',
        Description: expect.stringContaining(`${key.module} ${key.name}`),
      });
      // Asymmetric keys cannot rotate automatically; CloudFormation refuses the flag on them.
      expect(rendered?.Properties.EnableKeyRotation).not.toBe(true);
      expect(rendered?.DeletionPolicy).toBe('Delete');
    }
  });

  it('lets a module only sign with its own current keys and read the public half of their previous ones', () => {
    const granted = (statements: Record<string, Cfn>[], actions: string[]) =>
      statements
        .filter((s) => JSON.stringify([s.Action].flat().sort()) === JSON.stringify(actions))
        .flatMap((s) => [s.Resource].flat().map((r: Cfn) => r['Fn::GetAtt']?.[0]))
        .sort();
    for (const module of model.modules) {
      const own = (model.signingKeys ?? []).filter((k) => k.module === module.name);
      const statements = kmsStatementsOf(module.name);
      for (const statement of statements) expect(statement.Effect).toBe('Allow');
      const current = own.map((k) => keyLogicalId(k.id)).sort();
      const previous = own
        .filter((k) => k.generation > 1)
        .map((k) => keyLogicalId(k.id, 'previous'))
        .sort();
      expect(granted(statements, ['kms:GetPublicKey', 'kms:Sign']), module.name).toEqual(current);
      expect(granted(statements, ['kms:GetPublicKey']), module.name).toEqual(previous);
      expect(
        statements.flatMap((s) => [s.Resource].flat()),
        `${module.name}: no other KMS statement`,
      ).toHaveLength(current.length + previous.length);
    }
    expect(kmsStatementsOf('core')).toEqual([]);
  });

  it('gives the key ARNs (current, previous) to every function of the owning module and to no other function', () => {
    for (const fn of deployedFunctions(model)) {
      const logicalId = synth.stack.getLogicalId(
        synth.stack.modules.get(fn.module)?.functionById(fn.id).node.defaultChild as never,
      );
      const env = resources.find(([id]) => id === logicalId)?.[1].Properties.Environment.Variables ?? {};
      const expected = Object.fromEntries(
        (model.signingKeys ?? [])
          .filter((k) => k.module === fn.module)
          .flatMap((k) => [
            [k.envVar, { 'Fn::GetAtt': [keyLogicalId(k.id), 'Arn'] }],
            ...(k.generation > 1
              ? [[k.previousEnvVar, { 'Fn::GetAtt': [keyLogicalId(k.id, 'previous'), 'Arn'] }]]
              : []),
          ]),
      );
      const actual = Object.fromEntries(
        Object.entries(env).filter(([name]) => name.startsWith('SOLEIL_SIGNING_KEY_')),
      );
      expect(actual, fn.id).toEqual(expected);
    }
  });

  it('keeps the key policies to the account (no module role is named in a key policy)', () => {
    for (const [, key] of ofType('AWS::KMS::Key').filter(
      ([, k]) => k.Properties.KeyUsage === 'SIGN_VERIFY',
    )) {
      expect(JSON.stringify(key.Properties.KeyPolicy)).not.toMatch(/Role/);
    }
  });
});

describe('signing keys, stage and checks', () => {
  let prod: Template;
  beforeAll(() => {
    prod = synthStack(model, { stage: 'prod' }).template;
  });

  it('retains signing keys in prod, so tokens they signed can still be verified after a mistake', () => {
    const keys = Object.values(
      prod.findResources('AWS::KMS::Key', { Properties: { KeyUsage: 'SIGN_VERIFY' } }),
    );
    expect(keys).toHaveLength((model.signingKeys?.length ?? -1) + rotated().length);
    for (const key of keys) expect(key.DeletionPolicy).toBe('Retain');
  });

  it('passes the cdk-nag AwsSolutions and Serverless packs with signing keys', () => {
    const { app } = synthStack(model, { nag: true });
    expect(() => app.synth()).not.toThrow();
  });
});

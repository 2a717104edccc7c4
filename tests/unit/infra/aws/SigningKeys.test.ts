import { beforeAll, describe, expect, it } from 'vitest';
import { deployedFunctions } from '../../../../infra/aws/deployedFunctions.ts';
import type { ModuleManifest } from '../../../../shared/contracts/moduleManifest.ts';
import type { PlatformModel } from '../../../../shared/platformModel/PlatformModel.ts';
import type { Cfn, Located, StackTemplates } from './stackTemplates.ts';
import { fixtureManifests, modelOf, synthStack } from './synthFixtureStack.ts';

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
let t: StackTemplates;

/** The signing keys of every stack. */
const signingKeys = (): Located[] =>
  t.allOfType('AWS::KMS::Key').filter(({ resource }) => resource.Properties.KeyUsage === 'SIGN_VERIFY');
const keyConstruct = (keyId: string, generation: 'current' | 'previous') => {
  const key = model.signingKeys?.find((k) => k.id === keyId);
  const keys = synth.stack.modules.get(key?.module ?? '')?.signingKeys;
  const construct = (generation === 'current' ? keys?.byId : keys?.previousById)?.get(keyId);
  if (!construct) throw new Error(`no rendered ${generation} key ${keyId}`);
  return construct;
};
/** A key's logical id in its module's stack. */
const keyLogicalId = (keyId: string, generation: 'current' | 'previous' = 'current'): string =>
  t.logicalIdOf(keyConstruct(keyId, generation));
const rotated = () => (model.signingKeys ?? []).filter((k) => k.generation > 1);
/** Every KMS statement of the policies attached to a module's role (in any stack), with the stack it is in. */
const kmsStatementsOf = (module: string) =>
  t
    .statementsOf(synth.stack.modules.get(module)?.role)
    .filter(({ statement }) => [statement.Action].flat().some((a: string) => a.startsWith('kms:')));

beforeAll(async () => {
  model = modelOf(withSigningKeys(await fixtureManifests()));
  synth = synthStack(model);
  t = synth.templates;
});

describe('signing keys rendered from the model', () => {
  it('renders one ECC_NIST_P256 SIGN_VERIFY KMS key per declared key, described', () => {
    const declared = model.signingKeys ?? [];
    expect(declared).toHaveLength(3);
    const rendered = signingKeys();
    expect(rotated()).toHaveLength(1);
    expect(rendered).toHaveLength(declared.length + rotated().length);
    const renderedIds = [
      ...declared.map((k) => `${k.module}:${keyLogicalId(k.id)}`),
      ...rotated().map((k) => `${k.module}:${keyLogicalId(k.id, 'previous')}`),
    ];
    expect(new Set(renderedIds)).toEqual(new Set(rendered.map(({ stack, id }) => `${stack}:${id}`)));
    for (const key of declared) {
      const located = t.locate(keyConstruct(key.id, 'current'));
      expect(located.stack, key.id).toBe(key.module);
      const resource = located.resource;
      expect(resource.Type, key.id).toBe('AWS::KMS::Key');
      expect(resource.Properties).toMatchObject({
        KeySpec: 'ECC_NIST_P256',
        KeyUsage: 'SIGN_VERIFY',
        Description: expect.stringContaining(`${key.module} ${key.name}`),
      });
      // Asymmetric keys cannot rotate automatically; CloudFormation refuses the flag on them.
      expect(resource.Properties.EnableKeyRotation).not.toBe(true);
      expect(resource.DeletionPolicy).toBe('Delete');
    }
  });

  it('lets a module only sign with its own current keys and read the public half of their previous ones', () => {
    /** The keys `actions` are granted on, as `<stack>:<logical id>`. */
    const granted = (statements: ReturnType<typeof kmsStatementsOf>, actions: string[]) =>
      statements
        .filter(({ statement: s }) => JSON.stringify([s.Action].flat().sort()) === JSON.stringify(actions))
        .flatMap(({ stack, statement: s }) =>
          [s.Resource].flat().map((r: Cfn) => {
            const followed = t.follow(stack, r);
            return `${followed.stack}:${followed.value['Fn::GetAtt']?.[0]}`;
          }),
        )
        .sort();
    for (const module of model.modules) {
      const own = (model.signingKeys ?? []).filter((k) => k.module === module.name);
      const statements = kmsStatementsOf(module.name);
      for (const { statement } of statements) expect(statement.Effect).toBe('Allow');
      const current = own.map((k) => `${k.module}:${keyLogicalId(k.id)}`).sort();
      const previous = own
        .filter((k) => k.generation > 1)
        .map((k) => `${k.module}:${keyLogicalId(k.id, 'previous')}`)
        .sort();
      expect(granted(statements, ['kms:GetPublicKey', 'kms:Sign']), module.name).toEqual(current);
      expect(granted(statements, ['kms:GetPublicKey']), module.name).toEqual(previous);
      expect(
        statements.flatMap(({ statement }) => [statement.Resource].flat()),
        `${module.name}: no other KMS statement`,
      ).toHaveLength(current.length + previous.length);
    }
    expect(kmsStatementsOf('core')).toEqual([]);
  });

  it('gives the key ARNs (current, previous) to every function of the owning module and to no other function', () => {
    for (const fn of deployedFunctions(model)) {
      const located = t.locate(synth.stack.modules.get(fn.module)?.functionById(fn.id));
      // A module's keys and functions share its stack: the ARNs are local references.
      expect(located.stack).toBe(fn.module);
      const env = located.resource.Properties.Environment.Variables ?? {};
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
    for (const { resource: key } of signingKeys()) {
      expect(JSON.stringify(key.Properties.KeyPolicy)).not.toMatch(/Role/);
    }
  });
});

describe('signing keys, stage and checks', () => {
  let prod: StackTemplates;
  beforeAll(() => {
    prod = synthStack(model, { stage: 'prod' }).templates;
  });

  it('retains signing keys in prod, so tokens they signed can still be verified after a mistake', () => {
    const keys = prod
      .allOfType('AWS::KMS::Key')
      .filter(({ resource }) => resource.Properties.KeyUsage === 'SIGN_VERIFY');
    expect(keys).toHaveLength((model.signingKeys?.length ?? -1) + rotated().length);
    for (const { resource: key } of keys) expect(key.DeletionPolicy).toBe('Retain');
  });

  it('passes the cdk-nag AwsSolutions and Serverless packs with signing keys', () => {
    const { app } = synthStack(model, { nag: true });
    expect(() => app.synth()).not.toThrow();
  });
});

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { SigningKeyModel } from '../../shared/platformModel/PlatformModel.ts';

/** KMS key spec of each JWS algorithm a manifest may declare. */
const KEY_SPECS: Readonly<Record<SigningKeyModel['algorithm'], KeySpec>> = {
  ES256: KeySpec.ECC_NIST_P256,
};

/** Exactly what signing needs: sign, and read the public half to publish it. Never decrypt, never manage. */
const SIGNING_KEY_ACTIONS = ['kms:Sign', 'kms:GetPublicKey'] as const;

/** A previous generation only verifies: its public half is published until the next rotation. */
const PREVIOUS_SIGNING_KEY_ACTIONS = ['kms:GetPublicKey'] as const;

// A key scheduled for deletion can be cancelled during this window; the shortest KMS allows when data goes.
const DESTROYED_KEY_PENDING_WINDOW = Duration.days(7);

export interface ModuleSigningKeysProps {
  /** The module's signing keys from the model. */
  readonly keys: readonly SigningKeyModel[];
  /**
   * What happens to a key when the stack or the declaration goes away. A destroyed key cannot verify tokens
   * any more, so prod retains them.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A module's asymmetric signing keys: one KMS key per declaration (`SIGN_VERIFY`, the algorithm's curve). The
 * private half never leaves KMS; the module signs through `kms:Sign`. Asymmetric KMS keys have no automatic
 * rotation: bumping a key's `generation` renders a new key that signs, and keeps the previous one, published
 * for verification, until the next bump (see functions/auth/README.md).
 */
export class ModuleSigningKeys extends Construct {
  /** The signing KMS key (current generation) by model signing-key id (`<module>-<name>`). */
  readonly byId: ReadonlyMap<string, Key>;
  /** The previous generation's key by model signing-key id, for keys rotated at least once. */
  readonly previousById: ReadonlyMap<string, Key>;

  constructor(scope: Construct, id: string, props: ModuleSigningKeysProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;
    const byId = new Map<string, Key>();
    const previousById = new Map<string, Key>();
    const render = (model: SigningKeyModel, generation: number, role: string): Key =>
      // Generation 1 keeps the plain name, so declaring `generation` later does not replace a deployed key.
      new Key(this, generation === 1 ? model.name : `${model.name}-g${generation}`, {
        keySpec: KEY_SPECS[model.algorithm],
        keyUsage: KeyUsage.SIGN_VERIFY,
        description: `SOLEil ${model.module} ${model.name} generation ${generation} (${model.algorithm}, ${role}): ${model.description}`,
        removalPolicy,
        ...(removalPolicy === RemovalPolicy.DESTROY ? { pendingWindow: DESTROYED_KEY_PENDING_WINDOW } : {}),
      });
    for (const model of props.keys) {
      byId.set(model.id, render(model, model.generation, 'signs'));
      if (model.generation > 1) {
        previousById.set(model.id, render(model, model.generation - 1, 'verification only'));
      }
    }
    this.byId = byId;
    this.previousById = previousById;
  }

  /**
   * Lets `grantee` sign with the current generation of every key of the module and read the public halves
   * of the current and previous generations; nothing else.
   */
  grantSign(grantee: IGrantable): void {
    for (const key of this.byId.values()) key.grant(grantee, ...SIGNING_KEY_ACTIONS);
    for (const key of this.previousById.values()) key.grant(grantee, ...PREVIOUS_SIGNING_KEY_ACTIONS);
  }
}

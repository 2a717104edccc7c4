import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { type CfnSecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { BucketModel, SecretModel } from '../../shared/platformModel/PlatformModel.ts';

/** Objects exist only as long as the links and caches that need them; incomplete uploads go after a day. */
const ABORT_INCOMPLETE_UPLOADS = Duration.days(1);

export interface ModuleStorageProps {
  readonly buckets: readonly BucketModel[];
  readonly secrets: readonly SecretModel[];
  /**
   * What happens to buckets and secrets with the stack. A bucket is a cache here, but a secret holds what an
   * operator put in it.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** A secret rendered, with the declaration it came from. */
export interface RenderedSecret {
  readonly model: SecretModel;
  readonly secret: Secret;
}

/**
 * A module's buckets and secrets. Buckets: S3-managed encryption, every public access blocked, TLS only,
 * owner-enforced objects, objects expiring after the declared days. Secrets: created empty (the stack never
 * holds a secret value; an operator puts it, and the root stack outputs its name). Grants: the module's role
 * reads/writes objects of its buckets and reads its secrets — nothing else, nobody else.
 */
export class ModuleStorage extends Construct {
  readonly bucketsById: ReadonlyMap<string, Bucket>;
  readonly secretsById: ReadonlyMap<string, Secret>;
  /** Every secret with its declaration: the root stack names each in its outputs. */
  readonly secrets: readonly RenderedSecret[];

  constructor(scope: Construct, id: string, props: ModuleStorageProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;
    const buckets = new Map<string, Bucket>();
    for (const model of props.buckets) {
      buckets.set(
        model.id,
        new Bucket(this, model.name, {
          encryption: BucketEncryption.S3_MANAGED,
          blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
          enforceSSL: true,
          objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
          versioned: false,
          lifecycleRules: [
            {
              id: 'expire',
              expiration: Duration.days(model.expireAfterDays),
              abortIncompleteMultipartUploadAfter: ABORT_INCOMPLETE_UPLOADS,
            },
          ],
          removalPolicy,
          autoDeleteObjects: removalPolicy === RemovalPolicy.DESTROY,
        }),
      );
    }
    const secrets = new Map<string, Secret>();
    const rendered: RenderedSecret[] = [];
    for (const model of props.secrets) {
      const secret = new Secret(this, model.name, {
        description: `SOLEil ${model.module}: ${model.description} Created empty: put the value after deploying.`,
        removalPolicy,
      });
      // Created without a value: CDK would otherwise generate one, and a generated value is not the key.
      (secret.node.defaultChild as CfnSecret).addPropertyDeletionOverride('GenerateSecretString');
      secrets.set(model.id, secret);
      rendered.push({ model, secret });
    }
    this.bucketsById = buckets;
    this.secretsById = secrets;
    this.secrets = rendered;
  }

  /** Lets the module's role read and write its buckets' objects and read its secrets. */
  grantModule(role: IGrantable): void {
    for (const bucket of this.bucketsById.values()) bucket.grantReadWrite(role);
    for (const secret of this.secretsById.values()) secret.grantRead(role);
  }
}

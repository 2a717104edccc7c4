import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { KeyAttributeModel, TableModel } from '../../shared/platformModel/PlatformModel.ts';

const ATTRIBUTE_TYPES: Readonly<Record<KeyAttributeModel['type'], AttributeType>> = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
  B: AttributeType.BINARY,
};

const key = (attribute: KeyAttributeModel) => ({
  name: attribute.name,
  type: ATTRIBUTE_TYPES[attribute.type],
});

export interface ModuleTablesProps {
  /** The module's tables from the model (declared ones and the implicit idempotency table). */
  readonly tables: readonly TableModel[];
  /**
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * @default false
   */
  readonly deletionProtection?: boolean;
}

/** A module's DynamoDB tables: on demand, point-in-time recovery, encrypted, TTL and GSIs as the model says. */
export class ModuleTables extends Construct {
  /** Tables by model table id (`<module>-<name>`). */
  readonly byId: ReadonlyMap<string, Table>;

  constructor(scope: Construct, id: string, props: ModuleTablesProps) {
    super(scope, id);
    const byId = new Map<string, Table>();
    for (const model of props.tables) {
      const table = new Table(this, model.name, {
        partitionKey: key(model.partitionKey),
        ...(model.sortKey ? { sortKey: key(model.sortKey) } : {}),
        billingMode: BillingMode.PAY_PER_REQUEST,
        encryption: TableEncryption.AWS_MANAGED,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        ...(model.ttlAttribute ? { timeToLiveAttribute: model.ttlAttribute } : {}),
        removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
        deletionProtection: props.deletionProtection ?? false,
      });
      for (const index of model.indexes) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: key(index.partitionKey),
          ...(index.sortKey ? { sortKey: key(index.sortKey) } : {}),
        });
      }
      byId.set(model.id, table);
    }
    this.byId = byId;
  }
}

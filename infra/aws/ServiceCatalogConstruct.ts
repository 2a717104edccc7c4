import { createHash } from 'node:crypto';
import { CustomResource, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { type Grant, type IGrantable, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PLATFORM_ENV } from '../../shared/contracts/platformEnvironment.ts';
import type { PlatformModel } from '../../shared/platformModel/PlatformModel.ts';
import { catalogEntriesFromModel } from '../../shared/runtime/catalog/catalogEntriesFromModel.ts';
import { CATALOG_KEYS } from '../../shared/runtime/catalog/DynamoDbServiceCatalogStore.ts';
import { ENTRIES_HASH_PROPERTY, ENTRIES_PROPERTY } from './catalogWriter/catalogWriterProperties.ts';
import { PlatformFunction } from './PlatformFunction.ts';

export interface ServiceCatalogConstructProps {
  /**
   * What happens to the catalog table when it leaves the stack.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * @default false
   */
  readonly deletionProtection?: boolean;
  /**
   * Retention of the catalog writer's logs.
   * @default RetentionDays.TWO_WEEKS
   */
  readonly logRetention?: RetentionDays;
}

/**
 * The service catalog table, and a deploy-time writer that makes it hold exactly the model's entries (module
 * versions, dependencies, routes, events, services with their function ARNs).
 */
export class ServiceCatalogConstruct extends Construct {
  readonly table: Table;
  private readonly props: ServiceCatalogConstructProps;

  constructor(scope: Construct, id: string, props: ServiceCatalogConstructProps = {}) {
    super(scope, id);
    this.props = props;
    this.table = new Table(this, 'Table', {
      partitionKey: { name: CATALOG_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: CATALOG_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
      deletionProtection: props.deletionProtection ?? false,
    });
  }

  get tableName(): string {
    return this.table.tableName;
  }

  grantRead(grantee: IGrantable): Grant {
    return this.table.grantReadData(grantee);
  }

  /** For the module that records health: read and write catalog items. */
  grantReadWrite(grantee: IGrantable): Grant {
    return this.table.grantReadWriteData(grantee);
  }

  /**
   * Fills the catalog at deploy time. `functionArn` maps a model function id to the deployed function's ARN.
   * The custom resource carries a hash of the entries, so any change to the model re-runs the writer; the
   * writer replaces the whole catalog, so no stale entry survives a deploy.
   */
  populateFrom(model: PlatformModel, functionArn: (functionId: string) => string): CustomResource {
    const role = new Role(this, 'WriterRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Writes the service catalog at deploy time',
    });
    this.table.grantReadWriteData(role);
    const writer = new PlatformFunction(this, 'Writer', {
      entry: 'infra/aws/catalogWriter/handler.ts',
      exportName: 'handler',
      memoryMb: 256,
      timeoutSeconds: 120,
      role,
      environment: { [PLATFORM_ENV.serviceCatalogTable]: this.table.tableName },
      logRetention: this.props.logRetention ?? RetentionDays.TWO_WEEKS,
      description: 'Replaces the service catalog with the entries of the deployed model',
    });
    writer.logGroup.grantWrite(role);
    const byId = catalogEntriesFromModel(model, (id) => id);
    const hash = createHash('sha256').update(JSON.stringify(byId)).digest('hex');
    const entries = catalogEntriesFromModel(model, functionArn);
    return new CustomResource(this, 'Entries', {
      serviceToken: writer.function.functionArn,
      resourceType: 'Custom::SoleilServiceCatalog',
      properties: {
        [ENTRIES_PROPERTY]: Stack.of(this).toJsonString(entries),
        [ENTRIES_HASH_PROPERTY]: hash,
      },
    });
  }
}

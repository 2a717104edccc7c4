import { Duration, Stack } from 'aws-cdk-lib';
import { EventBus, Match } from 'aws-cdk-lib/aws-events';
import { CfnRegistry, CfnSchema } from 'aws-cdk-lib/aws-eventschemas';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { EventContract } from '../../shared/contracts/defineEvent.ts';
import { eventContracts } from '../../shared/contracts/eventCatalog.ts';
import { eventSchemaDocument, eventSchemaName } from './eventSchemaDocument.ts';

/** Every platform event source starts with this; the archive keeps exactly those. */
const PLATFORM_SOURCE_PREFIX = 'soleil.';

export interface EventBusConstructProps {
  /**
   * How long the archive keeps events (replay window).
   * @default 7
   */
  readonly archiveRetentionDays?: number;
  /**
   * The contracts to register as schemas.
   * @default every contract of shared/contracts (eventContracts)
   */
  readonly contracts?: readonly EventContract[];
}

/**
 * The platform's custom EventBridge bus, an archive of every platform event and a schema registry with one
 * JSONSchemaDraft4 schema per event contract.
 *
 * CfnSchema has no version property (the registry numbers versions itself on every content change), so the
 * contract version is carried in the schema's description and in a `contractVersion` tag.
 */
export class EventBusConstruct extends Construct {
  /** The custom bus every module publishes to. */
  readonly bus: EventBus;
  readonly registry: CfnRegistry;
  /** Registry schemas by event name. */
  readonly schemas: ReadonlyMap<string, CfnSchema>;

  constructor(scope: Construct, id: string, props: EventBusConstructProps = {}) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { description: 'SOLEil platform events' });
    this.bus.archive('Archive', {
      description: 'Every platform event, for replay',
      eventPattern: { source: Match.prefix(PLATFORM_SOURCE_PREFIX) },
      retention: Duration.days(props.archiveRetentionDays ?? 7),
    });

    this.registry = new CfnRegistry(this, 'Registry', {
      registryName: `${Stack.of(this).stackName}-events`,
      description: 'Schemas of the SOLEil platform events, generated from the zod contracts',
    });
    const schemas = new Map<string, CfnSchema>();
    for (const contract of props.contracts ?? eventContracts) {
      const schema = new CfnSchema(this, `Schema-${contract.name}`, {
        registryName: this.registry.attrRegistryName,
        schemaName: eventSchemaName(contract),
        type: 'JSONSchemaDraft4',
        description: `v${contract.version}: ${contract.description}`,
        content: JSON.stringify(eventSchemaDocument(contract)),
        tags: [
          { key: 'contractVersion', value: String(contract.version) },
          { key: 'owner', value: contract.owner },
        ],
      });
      schemas.set(contract.name, schema);
    }
    this.schemas = schemas;
  }

  /** Lets `grantee` put events on the bus, but only with `source` = `source` (IAM condition `events:source`). */
  grantPutEventsFromSource(grantee: IGrantable, source: string): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['events:PutEvents'],
        resources: [this.bus.eventBusArn],
        conditions: { StringEquals: { 'events:source': source } },
      }),
    );
  }
}

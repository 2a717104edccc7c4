import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import { tableEnvVar } from '../../contracts/platformEnvironment.ts';
import { IDEMPOTENCY_TABLE_NAME, OUTBOX_TABLE_NAME } from '../modelConstants.ts';
import { outboxTable } from '../outboxModel.ts';
import type { TableModel } from '../PlatformModel.ts';
import type { ModelSection } from './ModelSection.ts';

/** A module's declared tables, plus its outbox (`outbox: true`) and its idempotency table when it subscribes. */
const tablesOf = (manifest: ModuleManifest): TableModel[] => {
  const declared: TableModel[] = manifest.tables.map((t) => ({
    id: `${manifest.name}-${t.name}`,
    module: manifest.name,
    name: t.name,
    envVar: tableEnvVar(t.name),
    partitionKey: t.partitionKey,
    sortKey: t.sortKey ?? null,
    indexes: t.indexes.map((i) => ({
      name: i.name,
      partitionKey: i.partitionKey,
      sortKey: i.sortKey ?? null,
    })),
    ttlAttribute: t.ttlAttribute ?? null,
    implicit: false,
    localOnly: t.localOnly,
  }));
  if (manifest.outbox) declared.push(outboxTable(manifest));
  // An observer of every event is not idempotent by the kit (its writes are keyed by event id).
  if (!manifest.subscriptions.some((s) => !s.observesAllEvents)) return declared;
  // Attribute names follow Powertools' DynamoDBPersistenceLayer defaults, so its idempotency works as is.
  return [
    ...declared,
    {
      id: `${manifest.name}-${IDEMPOTENCY_TABLE_NAME}`,
      module: manifest.name,
      name: IDEMPOTENCY_TABLE_NAME,
      envVar: tableEnvVar(IDEMPOTENCY_TABLE_NAME),
      partitionKey: { name: 'id', type: 'S' },
      sortKey: null,
      indexes: [],
      ttlAttribute: 'expiration',
      implicit: true,
      localOnly: false,
    },
  ];
};

/** Tables: names unique per module, the idempotency and outbox tables' names reserved. */
export const tablesSection = (manifests: readonly ModuleManifest[]): ModelSection<readonly TableModel[]> => {
  const problems: string[] = [];
  const tables: TableModel[] = [];
  for (const m of manifests) {
    const own = tablesOf(m);
    const names = new Set<string>();
    for (const t of own) {
      if (!t.implicit && t.name === OUTBOX_TABLE_NAME) {
        problems.push(
          `Module "${m.name}" declares a table "${t.name}", a name the platform reserves for the outbox: ` +
            'drop it and set outbox: true in the manifest (the platform then creates it), or rename it.',
        );
      } else if (names.has(t.name) && t.name !== OUTBOX_TABLE_NAME) {
        problems.push(
          t.implicit
            ? `Module "${m.name}" declares a table "${t.name}", a name the platform reserves for idempotency: rename it.`
            : `Module "${m.name}" declares table "${t.name}" twice: rename one.`,
        );
      }
      names.add(t.name);
    }
    tables.push(...own);
  }
  return { value: tables, problems };
};

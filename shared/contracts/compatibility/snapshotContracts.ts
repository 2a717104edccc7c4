import * as z from 'zod';
import type { EventContract } from '../defineEvent.ts';
import type { ServiceContract } from '../defineService.ts';
import type { ContractsSnapshot, EventSnapshot, JsonSchema, ServiceSnapshot } from './ContractsSnapshot.ts';

/**
 * What a snapshot is taken of: the contracts, which events a module publishes and which modules use each
 * service (`<module>.<service>` → module names), both from the platform model.
 */
export interface SnapshotSources {
  readonly events: readonly EventContract[];
  readonly services: readonly ServiceContract[];
  readonly published: ReadonlySet<string>;
  readonly usedBy?: ReadonlyMap<string, readonly string[]>;
}

// The `$schema` line says nothing about compatibility and would repeat in every schema of the lock.
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io }) as Record<string, unknown>;
  return rest;
};

const byKey = <T>(entries: readonly (readonly [string, T])[]): Record<string, T> =>
  Object.fromEntries([...entries].sort(([a], [b]) => a.localeCompare(b)));

/**
 * The JSON Schema of every event version and service operation. Event data and service answers are what the
 * receiver parses (`output`); service requests are what callers send (`input`).
 */
export const snapshotContracts = (sources: SnapshotSources): ContractsSnapshot => ({
  events: byKey(
    sources.events.map((c): readonly [string, EventSnapshot] => [
      c.name,
      {
        owner: c.owner,
        version: c.version,
        bandScoped: c.bandScoped,
        published: sources.published.has(c.name),
        description: c.description,
        data: jsonSchema(c.data, 'output'),
        previousVersions: [...(c.previousVersions ?? [])]
          .sort((a, b) => b.version - a.version)
          .map((p) => ({
            version: p.version,
            acceptedUntil: p.acceptedUntil,
            data: jsonSchema(p.data, 'output'),
          })),
      },
    ]),
  ),
  services: byKey(
    sources.services.map((s): readonly [string, ServiceSnapshot] => [
      `${s.module}.${s.name}`,
      {
        module: s.module,
        name: s.name,
        version: s.version,
        description: s.description,
        usedBy: [...(sources.usedBy?.get(`${s.module}.${s.name}`) ?? [])].sort(),
        operations: byKey(
          Object.entries(s.operations).map(([name, op]) => [
            name,
            {
              description: op.description,
              input: jsonSchema(op.input, 'input'),
              output: jsonSchema(op.output, 'output'),
            },
          ]),
        ),
      },
    ]),
  ),
});

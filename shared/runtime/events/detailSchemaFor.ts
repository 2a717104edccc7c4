import type { z } from 'zod';
import type { EventContract } from '../../contracts/defineEvent.ts';
import { eventDetailSchema } from '../../contracts/eventEnvelope.ts';

const cache = new WeakMap<EventContract, z.ZodType>();

/**
 * The `{metadata, data}` schema of a contract, built once per container: building a zod object costs far
 * more than parsing with it, and publish and receipt both sit on the hot path.
 */
export const detailSchemaFor = (contract: EventContract): ReturnType<typeof eventDetailSchema> => {
  let schema = cache.get(contract);
  if (!schema) {
    schema = eventDetailSchema(contract.data).superRefine((detail, ctx) => {
      // Routing and tenant isolation read the metadata; the data must not name another band.
      const dataBand = (detail.data as { bandId?: unknown } | null)?.bandId;
      if (typeof dataBand === 'string' && detail.metadata.bandId !== dataBand) {
        ctx.addIssue({
          code: 'custom',
          path: ['metadata', 'bandId'],
          message: `must equal data.bandId (${dataBand})`,
        });
      }
      if (detail.metadata.producer !== contract.owner) {
        ctx.addIssue({
          code: 'custom',
          path: ['metadata', 'producer'],
          message: `must be ${contract.owner}, the owner of ${contract.name}`,
        });
      }
      if (detail.metadata.schemaVersion > contract.version) {
        ctx.addIssue({
          code: 'custom',
          path: ['metadata', 'schemaVersion'],
          message: `version ${detail.metadata.schemaVersion} is newer than this contract (${contract.version}): deploy the new contract first`,
        });
      }
    });
    cache.set(contract, schema);
  }
  return schema as ReturnType<typeof eventDetailSchema>;
};

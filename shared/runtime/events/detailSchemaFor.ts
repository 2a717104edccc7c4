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
    schema = eventDetailSchema(contract.data);
    cache.set(contract, schema);
  }
  return schema as ReturnType<typeof eventDetailSchema>;
};

import type { z } from 'zod';
import type { EventContract, PreviousEventVersion } from '../../contracts/defineEvent.ts';
import { eventDetailSchema } from '../../contracts/eventEnvelope.ts';

const cache = new WeakMap<EventContract | PreviousEventVersion, z.ZodType>();

/**
 * Why a contract refuses an event of `version`, or undefined when it reads that version (its current one, or
 * a previous one still in transition).
 */
export const versionRefusal = (contract: EventContract, version: number): string | undefined => {
  if (version > contract.version) {
    return `version ${version} is newer than this contract (${contract.version}): deploy the new contract first`;
  }
  const accepted = [contract.version, ...(contract.previousVersions ?? []).map((p) => p.version)];
  if (accepted.includes(version)) return undefined;
  return `version ${version} is no longer accepted: ${contract.name} accepts versions ${accepted.join(', ')}`;
};

/**
 * The `{metadata, data}` schema of a contract — of its current version, or of a previous version it still
 * accepts — built once per container: building a zod object costs far more than parsing with it, and publish
 * and receipt both sit on the hot path.
 */
export const detailSchemaFor = (
  contract: EventContract,
  previous?: PreviousEventVersion,
): ReturnType<typeof eventDetailSchema> => {
  const key = previous ?? contract;
  let schema = cache.get(key);
  if (!schema) {
    const expected = previous?.version ?? contract.version;
    schema = eventDetailSchema(previous?.data ?? contract.data).superRefine((detail, ctx) => {
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
      const version = detail.metadata.schemaVersion;
      const refusal =
        versionRefusal(contract, version) ??
        (version === expected ? undefined : `must be ${expected} for this schema, not ${version}`);
      if (refusal) ctx.addIssue({ code: 'custom', path: ['metadata', 'schemaVersion'], message: refusal });
    });
    cache.set(key, schema);
  }
  return schema as ReturnType<typeof eventDetailSchema>;
};

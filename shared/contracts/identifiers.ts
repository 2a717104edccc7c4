import * as z from 'zod';

/** Opaque identifier of a platform entity (band, user, file, song, connection...). */
export const EntityId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'must contain only letters, digits, ".", "_", ":" or "-"');
export type EntityId = z.infer<typeof EntityId>;

/** A band is the tenant: every band-scoped record and event carries its id. */
export const BandId = EntityId.describe('Identifier of the band (the tenant)');
export const UserId = EntityId.describe('Identifier of a SOLEil user');

export const IsoDateTime = z.iso.datetime({ offset: true });
export const Email = z.email().max(320);

/** Module names double as EventBridge source suffixes (`soleil.<module>`) and route prefixes. */
export const ModuleName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,30}$/, 'must be lower-case letters, digits or "-", 2 to 31 characters');

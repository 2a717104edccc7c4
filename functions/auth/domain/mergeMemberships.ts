import type { Identity } from '../../../shared/contracts/identity.ts';

type Membership = Identity['memberships'][number];

/**
 * Memberships read from the by-user index plus those this request just wrote. The index is eventually
 * consistent: right after a grant it may not show it, and a token or event must not miss it. A written
 * membership wins over an indexed one of the same band; the result is sorted by band.
 */
export const mergeMemberships = (
  indexed: readonly Membership[],
  written: readonly Membership[],
): Membership[] => {
  const byBand = new Map(indexed.map((m) => [m.bandId, { bandId: m.bandId, role: m.role }]));
  for (const m of written) byBand.set(m.bandId, { bandId: m.bandId, role: m.role });
  return [...byBand.values()].sort((a, b) => a.bandId.localeCompare(b.bandId));
};

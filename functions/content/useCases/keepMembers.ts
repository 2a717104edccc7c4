import type { EventData } from '../../../shared/contracts/eventCatalog.ts';
import type { ContentDependencies } from './ContentDependencies.ts';

/**
 * The login reaction: the user's role and instruments in each of their bands, as auth stated them when they
 * signed in, so their first `GET songs` finds its instrument filter without asking auth. A statement older than
 * what content holds (events arrive in any order) changes nothing. Their bands go on the reconciliation schedule's
 * list (a band someone uses is a band whose catalogue is worth checking).
 */
export const rememberLogin = async (
  deps: ContentDependencies,
  login: EventData<'auth.user_logged_in'>,
  occurredAt: string,
): Promise<number> => {
  const kept = await Promise.all(
    login.memberships.map(({ bandId, role }) =>
      deps.members.save({
        bandId,
        userId: login.userId,
        role,
        instruments: login.instruments,
        asOf: occurredAt,
      }),
    ),
  );
  await deps.catalogue.noteBands(login.memberships.map((m) => m.bandId));
  return kept.filter(Boolean).length;
};

/**
 * A membership granted, changed or revoked. The event names no instruments: a member content already knows
 * keeps theirs, a new one's are asked of auth.
 */
export const rememberPermission = async (
  deps: ContentDependencies,
  change: EventData<'auth.permission_updated'>,
  occurredAt: string,
): Promise<boolean> => {
  const known = await deps.members.member(change.bandId, change.userId);
  const instruments =
    change.role === null
      ? (known?.instruments ?? [])
      : (known?.instruments ?? (await deps.directory.membership(change.bandId, change.userId)).instruments);
  return deps.members.save({
    bandId: change.bandId,
    userId: change.userId,
    role: change.role,
    instruments,
    asOf: occurredAt,
  });
};

import { randomUUID } from 'node:crypto';
import type { Identity } from '../../../shared/contracts/identity.ts';
import { ConflictError } from '../../../shared/runtime/index.ts';
import { MAX_BANDS_PER_USER } from '../domain/authConstants.ts';
import type { BandRecord } from '../domain/authRecords.ts';
import { bandIdForRequest } from '../domain/bandIdForRequest.ts';
import { BandExistsError, TooManyBandsError } from '../store/storeErrors.ts';
import type { AuthDependencies } from './AuthDependencies.ts';
import { currentIdentity } from './sessionGrant.ts';

/** What the client asks for. */
export interface CreateBandRequest {
  readonly name: string;
  /**
   * Idempotency key chosen by the client (a UUID per band it means to create). The same key again — a retry
   * after a timeout or a 5xx — answers with the band the first request made instead of a second band.
   */
  readonly requestId?: string | undefined;
  readonly correlationId?: string | undefined;
}

/**
 * The band, its leader's membership, `auth.band_created` (drive prepares the band's library on it) and
 * `auth.permission_updated` (granted), in one commit.
 */
const writeBand = (
  deps: AuthDependencies,
  actor: Identity,
  band: Omit<BandRecord, 'leaderCount' | 'memberCount'>,
  correlationId: string | undefined,
): Promise<BandRecord> =>
  deps.outbox.commit(
    [
      {
        name: 'auth.band_created',
        data: { bandId: band.bandId, name: band.name, createdBy: actor.userId, createdAt: band.createdAt },
        options: { bandId: band.bandId, correlationId },
      },
      {
        name: 'auth.permission_updated',
        data: {
          bandId: band.bandId,
          userId: actor.userId,
          change: 'granted',
          role: 'leader',
          previousRole: null,
          changedBy: actor.userId,
        },
        options: { bandId: band.bandId, correlationId },
      },
    ],
    (events) =>
      deps.bands.createBand(
        band,
        { bandId: band.bandId, userId: actor.userId, role: 'leader', joinedAt: band.createdAt },
        events,
      ),
  );

/**
 * `POST /api/auth/bands`: creates a band led by its creator, with a fresh access token that shows it. The
 * band, the leader's membership and `auth.permission_updated` commit together; with a `requestId` a retry
 * replays the first answer (the event was committed by the first request and is not written twice).
 */
export const createBand = async (deps: AuthDependencies, actor: Identity, request: CreateBandRequest) => {
  const bandId = request.requestId ? bandIdForRequest(actor.userId, request.requestId) : randomUUID();
  let band: BandRecord;
  try {
    band = await writeBand(
      deps,
      actor,
      {
        bandId,
        name: request.name,
        createdBy: actor.userId,
        createdAt: deps.now().toISOString(),
      },
      request.correlationId,
    );
  } catch (error) {
    if (error instanceof TooManyBandsError) {
      throw new ConflictError(`You belong to ${MAX_BANDS_PER_USER} bands already: leave one first`);
    }
    if (!(error instanceof BandExistsError)) throw error;
    const existing = await deps.bands.getBand(bandId);
    if (!existing || existing.createdBy !== actor.userId || existing.name !== request.name) {
      throw new ConflictError('This requestId was already used for another band: use a new one');
    }
    band = existing;
  }

  const user = await deps.users.getUser(actor.userId);
  const held = await deps.bands.getMembership(bandId, actor.userId);
  const identity = await currentIdentity(
    deps,
    user ?? { ...actor, createdAt: band.createdAt },
    held ? [{ bandId, role: held.role }] : [],
  );
  const access = await deps.tokens.issue(identity);
  return {
    band: { bandId: band.bandId, name: band.name, createdBy: band.createdBy, createdAt: band.createdAt },
    accessToken: access.token,
    tokenType: 'Bearer' as const,
    expiresIn: access.expiresIn,
  };
};

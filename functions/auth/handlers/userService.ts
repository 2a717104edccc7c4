import { userService } from '../../../shared/contracts/services/authServices.ts';
import { serviceHandler } from '../../../shared/runtime/index.ts';
import { listMembersFor } from '../useCases/bandMembership.ts';
import { userView } from '../useCases/sessionGrant.ts';
import { authDependencies } from '../wiring/authDependencies.ts';

/** `user_service` — who someone is and what role they hold, for other modules (`services.call`). */
export const handler = serviceHandler(userService, {
  getUser: async ({ userId }) => {
    const user = await authDependencies().users.getUser(userId);
    return { user: user ? userView(user) : null };
  },
  getMembership: async ({ bandId, userId }) => ({
    role: (await authDependencies().bands.getMembership(bandId, userId))?.role ?? null,
  }),
  listBandMembers: async ({ bandId, actingUserId }) =>
    listMembersFor(authDependencies(), actingUserId, bandId),
});

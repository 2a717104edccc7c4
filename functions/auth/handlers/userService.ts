import { userService } from '../../../shared/contracts/services/authServices.ts';
import { serviceHandler } from '../../../shared/runtime/index.ts';
import { listMembersFor } from '../useCases/bandMembership.ts';
import { findMembershipRole, findUser } from '../useCases/userDirectory.ts';
import { authDependencies } from '../wiring/authDependencies.ts';

/** `user_service` — who someone is and what role they hold, for other modules (`services.call`). */
export const handler = serviceHandler(userService, {
  getUser: ({ userId }) => findUser(authDependencies(), userId),
  getMembership: ({ bandId, userId }) => findMembershipRole(authDependencies(), bandId, userId),
  listBandMembers: ({ bandId, actingUserId }) => listMembersFor(authDependencies(), actingUserId, bandId),
});

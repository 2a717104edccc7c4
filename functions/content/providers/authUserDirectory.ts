import { services } from '../../../shared/runtime/index.ts';
import type { UserDirectory } from './UserDirectory.ts';

/** The user directory over auth's `user_service` (getMembership, then getUser for the instruments). */
export const authUserDirectory: UserDirectory = {
  membership: async (bandId, userId) => {
    const { role } = await services.call('auth', 'user_service', 'getMembership', { bandId, userId });
    if (role === null) return { role: null, instruments: [] };
    const { user } = await services.call('auth', 'user_service', 'getUser', { userId });
    return { role, instruments: user?.instruments ?? [] };
  },
};

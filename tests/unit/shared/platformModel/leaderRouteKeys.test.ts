import { describe, expect, it } from 'vitest';
import { leaderRouteKeys } from '../../../../shared/platformModel/leaderRouteKeys.ts';
import type { RouteModel } from '../../../../shared/platformModel/PlatformModel.ts';

const route = (path: string, auth: RouteModel['auth'], localOnly = false): RouteModel =>
  ({ module: 'auth', method: 'POST', path, auth, functionId: 'auth-x', localOnly }) as RouteModel;

const routes = [
  route('/api/auth/bands/{bandId}/invitations', 'leader'),
  route('/api/auth/me', 'user'),
  route('/api/auth/dev/bands/{bandId}/reset', 'leader', true),
  route('/api/auth/login', 'public'),
];

describe('leaderRouteKeys', () => {
  it('lists the leader routes AWS deploys: never a localOnly one', () => {
    expect(leaderRouteKeys({ routes }, { includeLocalOnly: false })).toEqual([
      'POST /api/auth/bands/{bandId}/invitations',
    ]);
  });

  it('keeps localOnly leader routes where they are served (the embedded platform)', () => {
    expect(leaderRouteKeys({ routes }, { includeLocalOnly: true })).toEqual([
      'POST /api/auth/bands/{bandId}/invitations',
      'POST /api/auth/dev/bands/{bandId}/reset',
    ]);
  });
});

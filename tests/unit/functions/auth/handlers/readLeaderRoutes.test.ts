import { describe, expect, it } from 'vitest';
import {
  InvalidLeaderRoutesError,
  readLeaderRoutes,
} from '../../../../../functions/auth/handlers/readLeaderRoutes.ts';

describe('readLeaderRoutes', () => {
  it('reads the route keys the renderer set', () => {
    expect([...readLeaderRoutes('["POST /api/auth/bands/{bandId}/invitations"]')]).toEqual([
      'POST /api/auth/bands/{bandId}/invitations',
    ]);
  });

  it('fails closed when the variable is missing or malformed, rather than opening leader routes', () => {
    expect(() => readLeaderRoutes(undefined)).toThrow(InvalidLeaderRoutesError);
    expect(() => readLeaderRoutes('not json')).toThrow(/not JSON/);
    expect(() => readLeaderRoutes('[42]')).toThrow(/JSON array/);
  });
});

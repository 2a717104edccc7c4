import { describe, expect, it } from 'vitest';
import { bandIdForRequest } from '../../../../../functions/auth/domain/bandIdForRequest.ts';
import { mergeMemberships } from '../../../../../functions/auth/domain/mergeMemberships.ts';
import { BandId } from '../../../../../shared/contracts/identifiers.ts';

describe('mergeMemberships', () => {
  it('adds what the lagging index misses, the written role wins, sorted by band', () => {
    expect(
      mergeMemberships(
        [
          { bandId: 'b', role: 'member' },
          { bandId: 'a', role: 'leader' },
        ],
        [
          { bandId: 'c', role: 'member' },
          { bandId: 'b', role: 'leader' },
        ],
      ),
    ).toEqual([
      { bandId: 'a', role: 'leader' },
      { bandId: 'b', role: 'leader' },
      { bandId: 'c', role: 'member' },
    ]);
  });
});

describe('bandIdForRequest', () => {
  it('is stable per (user, request), differs otherwise, and is a valid band id in UUID form', () => {
    const id = bandIdForRequest('u1', 'r1');
    expect(bandIdForRequest('u1', 'r1')).toBe(id);
    expect(bandIdForRequest('u2', 'r1')).not.toBe(id);
    expect(bandIdForRequest('u1', 'r2')).not.toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(BandId.safeParse(id).success).toBe(true);
  });
});

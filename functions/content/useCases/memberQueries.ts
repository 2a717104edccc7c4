import type { Role, TranspositionToken } from '../../../shared/contracts/bandVocabulary.ts';
import type { RecentFile } from '../../../shared/contracts/services/contentServices.ts';
import { visibleToMember } from '../domain/fileAudience.ts';
import { tokensForInstruments } from '../domain/instrumentTokens.ts';
import { readViewFile } from '../domain/songViews.ts';
import { knownMember, requireMember } from './bandMembership.ts';
import type { ContentDependencies } from './ContentDependencies.ts';

/** Newest files read to find a page of what the caller sees (a leader sees them all). */
const RECENT_SCAN = 200;

/** Library files the caller sees, newest first (charts of their tokens, audio, gig documents). */
export const recentlyAdded = async (
  deps: ContentDependencies,
  request: { readonly bandId: string; readonly userId: string; readonly limit: number },
): Promise<RecentFile[]> => {
  const member = await requireMember(deps, request.bandId, request.userId);
  const tokens = tokensForInstruments(member.instruments);
  const recent = (await deps.catalogue.recent(request.bandId, RECENT_SCAN)).map(readViewFile);
  return recent
    .filter((file) => member.role === 'leader' || visibleToMember(file.reading, tokens))
    .filter((file) => file.reading.kind !== 'placeholder')
    .slice(0, request.limit)
    .map((file) => ({
      fileId: file.fileId,
      name: file.name,
      kind: file.reading.kind,
      songKey: file.reading.songKey,
      displayTitle: file.reading.title,
      token: file.reading.token,
      addedAt: file.modifiedAt,
    }));
};

/** The role and chart tokens of a user in a band (a leader reads every chart); null role for a stranger. */
export const tokensOf = async (
  deps: ContentDependencies,
  request: { readonly bandId: string; readonly userId: string },
): Promise<{ role: Role | null; tokens: TranspositionToken[] }> => {
  const member = await knownMember(deps, request.bandId, request.userId);
  if (!member || member.role === null) return { role: null, tokens: [] };
  return { role: member.role, tokens: tokensForInstruments(member.instruments) };
};

/** Every member content knows in the band, with role and tokens (sync filters its fan-out with it). */
export const bandAudience = async (
  deps: ContentDependencies,
  bandId: string,
): Promise<{ userId: string; role: Role; tokens: TranspositionToken[] }[]> => {
  const members = await deps.members.members(bandId);
  return members.flatMap((m) =>
    m.role === null ? [] : [{ userId: m.userId, role: m.role, tokens: tokensForInstruments(m.instruments) }],
  );
};

import {
  INSTRUMENT_TOKEN,
  type Instrument,
  type TranspositionToken,
} from '../../../shared/contracts/bandVocabulary.ts';
import { BadRequestError, ForbiddenError } from '../../../shared/runtime/index.ts';
import { tokensForInstruments } from '../domain/instrumentTokens.ts';
import type { ViewScope } from '../domain/songViews.ts';
import { memberPartitions, songPartitions, type ViewPartition } from '../domain/viewPlacement.ts';
import type { BandMember } from '../store/MemberStore.ts';

/** Which view a caller asked for: their own (optionally one instrument), or everything (leaders). */
export interface ViewRequest {
  readonly instrument?: Instrument | undefined;
  readonly view?: 'mine' | 'all' | undefined;
}

/** The scope and the partitions to read for a caller's request. */
export interface ResolvedScope {
  readonly scope: ViewScope;
  readonly partitions: ViewPartition[];
}

const forTokens = (tokens: readonly TranspositionToken[]): ResolvedScope => ({
  scope: { kind: 'member', tokens },
  partitions: memberPartitions(tokens),
});

/**
 * A member sees the charts of their instruments (or one of them, `instrument`); a leader sees everything unless
 * they name an instrument (any) or ask for their own view. Asking for an instrument one does not play, or for
 * everything without being a leader, is refused.
 */
export const resolveScope = (member: BandMember, request: ViewRequest): ResolvedScope => {
  const leader = member.role === 'leader';
  if (request.view === 'all' && request.instrument) {
    throw new BadRequestError('Ask either for one instrument or for the whole view, not both');
  }
  if (request.view === 'all' && !leader) throw new ForbiddenError('Only a leader can see every part');
  if (request.instrument) {
    if (!leader && !member.instruments.includes(request.instrument)) {
      throw new ForbiddenError(`${request.instrument} is not one of your instruments`);
    }
    return forTokens([INSTRUMENT_TOKEN[request.instrument]]);
  }
  if (leader && request.view !== 'mine') return { scope: { kind: 'all' }, partitions: songPartitions() };
  return forTokens(tokensForInstruments(member.instruments));
};

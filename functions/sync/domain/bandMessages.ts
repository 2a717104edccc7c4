import type { EventData, EventName } from '../../../shared/contracts/eventCatalog.ts';
import { type BandLogMessage, downloadRouteOf } from '../../../shared/contracts/websocket/syncMessages.ts';
import type { Audience } from './liveRecords.ts';

/** A band message before it gets its sequence number. */
export type UnsequencedMessage = BandLogMessage extends infer M
  ? M extends unknown
    ? Omit<M, 'seq'>
    : never
  : never;

/** What an event becomes on a band's live channel: the message, who it is for, and the file it is about. */
export interface BandMessagePlan {
  readonly bandId: string;
  readonly message: UnsequencedMessage;
  readonly audience: Audience;
  /** Set for file messages: sync then publishes `sync.file_updated` with the delivery counts. */
  readonly fileId: string | null;
}

type Mapper<N extends EventName> = (data: EventData<N>) => BandMessagePlan;

/** A chart goes to the players content named (and leaders); audio, gig documents and the rest to everyone. */
const fileAudience = (data: EventData<'content.updated'> | EventData<'content.deleted'>): Audience =>
  data.allMembers
    ? { kind: 'all' }
    : { kind: 'instruments', instruments: data.instruments, token: data.token };

/**
 * How each event sync relays becomes a band message: adding a relayed event is one entry here (and its
 * name in the manifest's subscription).
 */
export const BAND_MESSAGE_MAPPERS: { readonly [N in EventName]?: Mapper<N> } = {
  'content.updated': (data) => ({
    bandId: data.bandId,
    fileId: data.fileId,
    audience: fileAudience(data),
    message: {
      type: 'file_updated',
      bandId: data.bandId,
      action: data.change,
      fileId: data.fileId,
      fileName: data.fileName,
      kind: data.kind,
      songId: data.songId,
      displayTitle: data.displayTitle,
      token: data.token,
      downloadRoute: downloadRouteOf(data.bandId, data.fileId),
    },
  }),
  'content.deleted': (data) => ({
    bandId: data.bandId,
    fileId: data.fileId,
    audience: fileAudience(data),
    message: {
      type: 'file_updated',
      bandId: data.bandId,
      action: 'deleted',
      fileId: data.fileId,
      fileName: data.fileName,
      kind: data.kind,
      songId: data.songId,
      displayTitle: null,
      token: data.token,
      downloadRoute: null,
    },
  }),
  'content.gig_updated': (data) => ({
    bandId: data.bandId,
    fileId: null,
    audience: { kind: 'all' },
    message: { type: 'gig_updated', bandId: data.bandId, gigId: data.gigId, change: data.change },
  }),
  'dashboard.module_updated': (data) => ({
    bandId: data.bandId,
    fileId: null,
    audience: { kind: 'users', userIds: [data.userId] },
    message: { type: 'dashboard_updated', bandId: data.bandId, widget: data.widget, reason: data.reason },
  }),
};

/** The band message an event becomes, or null when sync does not relay it. */
export const bandMessageFor = <N extends EventName>(name: N, data: EventData<N>): BandMessagePlan | null => {
  const mapper = BAND_MESSAGE_MAPPERS[name] as Mapper<N> | undefined;
  return mapper ? mapper(data) : null;
};

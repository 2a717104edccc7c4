import * as z from 'zod';
import { LibraryFileKind, Role, TranspositionToken } from '../bandVocabulary.ts';
import { GigChange } from '../events/contentEvents.ts';
import { DashboardWidget } from '../events/dashboardEvents.ts';
import { BandId, EntityId, IsoDateTime, ModuleName, UserId } from '../identifiers.ts';
import type { WebSocketProtocol } from './webSocketProtocol.ts';

/**
 * The live channel's protocol (the sync module's WebSocket API), both directions. Client frames are JSON
 * objects routed by `action`; server frames are JSON objects told apart by `type`. Band messages (the ones
 * kept in a band's log) carry `bandId` and a per-band `seq` a client resumes from.
 */

/** A sequence number of a band's log: 1 for the band's first message, grows by one per message. */
export const Sequence = z.number().int().positive();
/** "Everything after": 0 when a client has seen nothing of the band yet. */
const AfterSequence = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

// ---- client → server -------------------------------------------------------------------------------

export const SubscribeMessage = z
  .object({ action: z.literal('subscribe'), bandId: BandId })
  .strict()
  .describe('Receive the band’s live messages (members of the band only).');
export const UnsubscribeMessage = z
  .object({ action: z.literal('unsubscribe'), bandId: BandId })
  .strict()
  .describe('Stop receiving the band’s messages.');
export const PingMessage = z
  .object({ action: z.literal('ping'), id: z.string().max(64).optional() })
  .strict()
  .describe('Keep-alive; answered with pong carrying the same id.');
export const ResumeMessage = z
  .object({ action: z.literal('resume'), bandId: BandId, afterSeq: AfterSequence })
  .strict()
  .describe(
    'Subscribe (if not yet) and replay, in order, the band messages after afterSeq that concern the caller; resync_required when the log no longer holds them.',
  );
export const GetStatsMessage = z
  .object({ action: z.literal('get_stats') })
  .strict()
  .describe('What this connection is subscribed to, the last sequence and who is online per band.');

/** Every frame a client may send; anything else is answered with an `error` frame. */
export const ClientMessage = z.discriminatedUnion('action', [
  SubscribeMessage,
  UnsubscribeMessage,
  PingMessage,
  ResumeMessage,
  GetStatsMessage,
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
export const CLIENT_ACTIONS = ['subscribe', 'unsubscribe', 'ping', 'resume', 'get_stats'] as const;

// ---- server → client -------------------------------------------------------------------------------

const band = { bandId: BandId };
const sequenced = { bandId: BandId, seq: Sequence };

export const SubscribedMessage = z
  .object({
    type: z.literal('subscribed'),
    ...band,
    role: Role,
    lastSeq: AfterSequence.describe('The band’s last sequence number now; resume from it after a reconnect'),
    online: z.array(UserId).describe('Members with a live connection subscribed to the band'),
  })
  .strict()
  .describe('Answer to subscribe (and to resume when it subscribed).');

export const UnsubscribedMessage = z
  .object({
    type: z.literal('unsubscribed'),
    ...band,
    reason: z.enum(['requested', 'membership_revoked']),
  })
  .strict()
  .describe('The connection no longer receives the band: asked for, or the member was removed.');

export const PongMessage = z
  .object({ type: z.literal('pong'), id: z.string().max(64).optional(), serverTime: IsoDateTime })
  .strict();

/** Drive's route answering a short-lived download link for a library file. */
export const downloadRouteOf = (bandId: string, fileId: string): string =>
  `/api/drive/bands/${encodeURIComponent(bandId)}/files/${encodeURIComponent(fileId)}/download`;

export const FileUpdatedMessage = z
  .object({
    type: z.literal('file_updated'),
    ...sequenced,
    action: z.enum(['added', 'changed', 'deleted']),
    fileId: EntityId,
    fileName: z.string().min(1).max(255),
    kind: LibraryFileKind,
    songId: EntityId.nullable(),
    displayTitle: z.string().max(255).nullable(),
    token: TranspositionToken.nullable(),
    downloadRoute: z
      .string()
      .max(512)
      .nullable()
      .describe('GET it (with the access token) for a download link; null once the file is deleted'),
  })
  .strict()
  .describe('A library file the member sees was added, replaced or removed.');

export const GigUpdatedMessage = z
  .object({
    type: z.literal('gig_updated'),
    ...sequenced,
    gigId: EntityId,
    change: GigChange,
  })
  .strict()
  .describe('A gig (or its documents) changed; every member of the band receives it.');

export const DashboardUpdatedMessage = z
  .object({
    type: z.literal('dashboard_updated'),
    ...sequenced,
    widget: DashboardWidget,
    reason: z.string().min(1).max(64),
  })
  .strict()
  .describe('A widget of the member’s dashboard for the band was recomputed: fetch it again.');

export const PresenceMessage = z
  .object({
    type: z.literal('presence'),
    ...band,
    online: z.array(UserId),
    joined: z.array(UserId),
    left: z.array(UserId),
  })
  .strict()
  .describe('Who of the band is online, pushed when a member comes online or leaves.');

const HealthChange = {
  modules: z.array(ModuleName).describe('Modules sync depends on whose state changed'),
  checkedAt: IsoDateTime,
};
export const DegradedMessage = z
  .object({ type: z.literal('degraded'), ...HealthChange })
  .strict()
  .describe('A module live updates depend on is down: updates may be late or missing until recovered.');
export const RecoveredMessage = z
  .object({ type: z.literal('recovered'), ...HealthChange })
  .strict()
  .describe('The modules reported down are back: resume every band from its last sequence.');

export const ResyncRequiredMessage = z
  .object({
    type: z.literal('resync_required'),
    ...band,
    lastSeq: AfterSequence,
    reason: z.enum(['gap_too_old', 'ahead_of_log', 'too_many']),
  })
  .strict()
  .describe(
    'The log no longer holds what the client missed: reload the band’s views, then go on from lastSeq.',
  );

export const ResumedMessage = z
  .object({
    type: z.literal('resumed'),
    ...band,
    afterSeq: AfterSequence,
    lastSeq: AfterSequence,
    replayed: z.number().int().nonnegative(),
  })
  .strict()
  .describe('The replay of a resume is complete (sent after the replayed messages).');

export const StatsMessage = z
  .object({
    type: z.literal('stats'),
    connectionId: z.string().min(1).max(128),
    userId: UserId,
    bands: z.array(
      z.object({ ...band, role: Role, lastSeq: AfterSequence, online: z.number().int() }).strict(),
    ),
  })
  .strict();

const librarySync = { ...band, syncId: EntityId };
export const LibrarySyncStartedMessage = z
  .object({ type: z.literal('sync.started'), ...librarySync, trigger: z.string().max(32) })
  .strict()
  .describe('Leaders: the drive started reconciling the band’s library.');
export const LibrarySyncProgressMessage = z
  .object({ type: z.literal('sync.progress'), ...librarySync, filesSeen: z.number().int().nonnegative() })
  .strict()
  .describe('Leaders: files the running reconciliation reported so far.');
export const LibrarySyncCompletedMessage = z
  .object({
    type: z.literal('sync.completed'),
    ...librarySync,
    added: z.number().int().nonnegative(),
    changed: z.number().int().nonnegative(),
    removed: z.number().int().nonnegative(),
    durationMs: z.number().nonnegative(),
  })
  .strict()
  .describe('Leaders: the reconciliation finished.');
export const LibrarySyncFailedMessage = z
  .object({ type: z.literal('sync.failed'), ...librarySync, reason: z.string().max(500) })
  .strict()
  .describe('Leaders: the reconciliation did not finish (the drive was reported down while it ran).');

/** The kit's error frame: `problem.type` is the stable code (`validation-failed`, `forbidden`, ...). */
export const ErrorMessage = z
  .object({
    type: z.literal('error'),
    routeKey: z.string(),
    problem: z.looseObject({
      type: z.string(),
      title: z.string(),
      status: z.number().int(),
      detail: z.string().optional(),
      correlationId: z.string().optional(),
    }),
  })
  .strict()
  .describe('A frame was refused (malformed, unknown action, not a member...); the connection stays open.');

/** Messages kept in a band's log under a sequence number (replayed by resume). */
export const BandLogMessage = z.discriminatedUnion('type', [
  FileUpdatedMessage,
  GigUpdatedMessage,
  DashboardUpdatedMessage,
]);
export type BandLogMessage = z.infer<typeof BandLogMessage>;

export const ServerMessage = z.discriminatedUnion('type', [
  SubscribedMessage,
  UnsubscribedMessage,
  PongMessage,
  FileUpdatedMessage,
  GigUpdatedMessage,
  DashboardUpdatedMessage,
  PresenceMessage,
  DegradedMessage,
  RecoveredMessage,
  ResyncRequiredMessage,
  ResumedMessage,
  StatsMessage,
  LibrarySyncStartedMessage,
  LibrarySyncProgressMessage,
  LibrarySyncCompletedMessage,
  LibrarySyncFailedMessage,
  ErrorMessage,
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

export const syncProtocol: WebSocketProtocol = {
  module: 'sync',
  description:
    'Live band channels: connect with ?token=<access token>, subscribe to bands, receive updates with per-band sequence numbers, resume after a reconnect.',
  clientMessages: ClientMessage.options,
  serverMessages: ServerMessage.options,
};

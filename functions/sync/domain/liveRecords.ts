import type { Instrument, Role, TranspositionToken } from '../../../shared/contracts/bandVocabulary.ts';
import type { BandLogMessage } from '../../../shared/contracts/websocket/syncMessages.ts';

/** A live WebSocket connection of a signed-in user (one per open socket). */
export interface ConnectionRecord {
  readonly connectionId: string;
  readonly userId: string;
  readonly instruments: readonly Instrument[];
  readonly connectedAt: string;
  /** Epoch seconds: API Gateway closes a connection after 2 hours, so its record expires with it. */
  readonly expiresAt: number;
}

/** A connection's subscription to one band, with what the broadcast filter needs (no lookup per message). */
export interface Subscription {
  readonly connectionId: string;
  readonly bandId: string;
  readonly userId: string;
  readonly role: Role;
  readonly instruments: readonly Instrument[];
  readonly expiresAt: number;
}

/**
 * Who a band message is for. Leaders always receive every band message; `instruments` lists the players a
 * chart concerns (content decided it), `users` a message for named members (a dashboard widget).
 */
export type Audience =
  | { readonly kind: 'all' }
  | {
      readonly kind: 'instruments';
      readonly instruments: readonly Instrument[];
      readonly token: TranspositionToken | null;
    }
  | { readonly kind: 'users'; readonly userIds: readonly string[] }
  | { readonly kind: 'leaders' };

/** A band message with its sequence number, as kept in the band's log for resume. */
export interface LogEntry {
  readonly bandId: string;
  readonly seq: number;
  readonly message: BandLogMessage;
  readonly audience: Audience;
  /** Epoch seconds after which the entry is outside the log window (DynamoDB's TTL removes it later). */
  readonly expiresAt: number;
}

/** What sync prepared for a user at sign-in: bands and roles, so the first subscribe needs no lookup. */
export interface UserChannel {
  readonly userId: string;
  readonly memberships: readonly { readonly bandId: string; readonly role: Role }[];
  readonly instruments: readonly Instrument[];
  readonly preparedAt: string;
  readonly expiresAt: number;
}

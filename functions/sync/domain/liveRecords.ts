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

/**
 * What auth last said of a user's place in one band, as sync keeps it for the user's next `subscribe`:
 * prepared at sign-in (the login reaction), replaced by membership changes. A removed member keeps an entry
 * with no role, so that a sign-in stated before the removal (events arrive in any order) cannot bring the
 * band back.
 */
export interface ChannelBand {
  readonly userId: string;
  readonly bandId: string;
  /** The role auth stated; null once the membership was revoked. */
  readonly role: Role | null;
  /** When auth stated it (its event's `occurredAt`, epoch milliseconds): an older statement never wins. */
  readonly asOf: number;
  /** Epoch seconds: a statement is trusted as long as an access token issued with it can live. */
  readonly expiresAt: number;
}

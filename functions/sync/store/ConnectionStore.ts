import type { Role } from '../../../shared/contracts/bandVocabulary.ts';
import type { ConnectionRecord, Subscription } from '../domain/liveRecords.ts';

/** Live connections and their band subscriptions. */
export interface ConnectionStore {
  putConnection(connection: ConnectionRecord): Promise<void>;
  getConnection(connectionId: string): Promise<ConnectionRecord | undefined>;
  /** Removes the connection and its subscriptions; answers the subscriptions it had. */
  deleteConnection(connectionId: string): Promise<Subscription[]>;
  subscriptionsOfConnection(connectionId: string): Promise<Subscription[]>;
  /**
   * Adds a subscription, only while the connection exists (a `$disconnect` racing a subscribe must not
   * leave a subscription behind); false when the connection is gone.
   */
  subscribe(subscription: Subscription): Promise<boolean>;
  /** True when the subscription existed. */
  unsubscribe(connectionId: string, bandId: string): Promise<boolean>;
  /** Every subscription to a band (one query, paged). */
  subscriptionsOfBand(bandId: string): Promise<Subscription[]>;
  /** The same, a page of at most `pageSize` at a time, each read when the caller asks for it. */
  subscriptionPagesOfBand(bandId: string, pageSize: number): AsyncIterable<Subscription[]>;
  /** A user's subscriptions to one band (the `byUser` index: the user's own items, not the band's). */
  subscriptionsOfUserInBand(userId: string, bandId: string): Promise<Subscription[]>;
  /**
   * How many subscriptions the user holds in the band, counted up to `atMost`: presence only needs to know
   * "none", "one" or "more", and a user with many connections is not read whole on each join and leave.
   */
  countUserSubscriptions(userId: string, bandId: string, atMost: number): Promise<number>;
  /** A user's connections and subscriptions. */
  ofUser(userId: string): Promise<{ connections: ConnectionRecord[]; subscriptions: Subscription[] }>;
  /** Sets the role on an existing subscription (a member promoted or demoted while connected). */
  setRole(connectionId: string, bandId: string, role: Role): Promise<void>;
  /** Ids of every connection (for platform-wide notices, rare). */
  allConnectionIds(): Promise<string[]>;
}

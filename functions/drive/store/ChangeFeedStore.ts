import type { TransactWriteItem } from '../../../shared/runtime/storage/TransactWriteItem.ts';
import type { WatchChannel } from '../domain/watchChannel.ts';

/** A push channel as the drive keeps it: the channel, and the service account whose feed it watches. */
export interface StoredChannel extends WatchChannel {
  readonly account: string;
  readonly openedAt: string;
}

/**
 * Google Drive's changes feed as the drive follows it: one page token per service account (where the next
 * read starts) and the push channels open on it. Channel tokens are secrets: kept here, never logged.
 */
export interface ChangeFeedStore {
  /** Where the account's next read of the feed starts; `null` before the first (or after a reset). */
  pageToken(account: string): Promise<string | null>;
  /**
   * Moves the account's token from `expected` (`null`: none yet) to `next`; `false` when another reader
   * moved it first (that reader applied the same changes, or later ones).
   */
  savePageToken(account: string, expected: string | null, next: string, at: string): Promise<boolean>;
  /**
   * The same conditional write as `savePageToken`, not sent but returned as a transaction item, so the token
   * moves in the transaction that commits the events of its batch (`LibraryCommit.alsoWrite`). Its condition
   * failing cancels that whole transaction.
   */
  pageTokenWrite(account: string, expected: string | null, next: string, at: string): TransactWriteItem;
  /** Forgets the account's token (Google refused it): the next read starts with a full listing. */
  resetPageToken(account: string): Promise<void>;
  channel(channelId: string): Promise<StoredChannel | null>;
  /** Every channel kept, live or not (a handful: one per account, two during a renewal). */
  channels(): Promise<StoredChannel[]>;
  saveChannel(channel: StoredChannel): Promise<void>;
  deleteChannel(channelId: string): Promise<void>;
}

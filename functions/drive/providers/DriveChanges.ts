import type { WatchChannel } from '../domain/watchChannel.ts';
import type { ChangeFeedBatch } from './googleDrive/GoogleDriveChangeFeed.ts';

/** Google refused a stored page token (expired or malformed): the feed must start over with a full listing. */
export class PageTokenRefusedError extends Error {
  override readonly name = 'PageTokenRefusedError';
}

/**
 * What Google Drive tells the drive about changes, beyond listing libraries: its changes feed (one per
 * service account) and the push channels on it. The folder provider has none (its watcher is the platform's).
 */
export interface DriveChanges {
  /** The service account the feed belongs to (its email): the key of the persisted page token. */
  account(): Promise<string>;
  /** Where a new feed starts (`changes.getStartPageToken`). */
  startPageToken(): Promise<string>;
  /**
   * Reads the feed from `pageToken`, sorting changes into bands by their bound folders
   * (`bindings`: folder id → band id). Throws {@link PageTokenRefusedError} when Google refuses the token.
   */
  read(pageToken: string, bindings: ReadonlyMap<string, string>): Promise<ChangeFeedBatch>;
  /** Opens a push channel for changes after `pageToken`, delivering to `address`. */
  openChannel(pageToken: string, address: string): Promise<WatchChannel>;
  /** Stops a channel; one Google no longer knows counts as stopped. */
  stopChannel(channel: Pick<WatchChannel, 'channelId' | 'resourceId'>): Promise<void>;
}

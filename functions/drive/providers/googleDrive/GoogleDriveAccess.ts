import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PlatformError } from '../../../../shared/runtime/errors/PlatformError.ts';
import type { LibraryEntry } from '../../domain/libraryEntry.ts';
import type { WatchChannel } from '../../domain/watchChannel.ts';
import { type DriveChanges, PageTokenRefusedError } from '../DriveChanges.ts';
import type { LibraryProvisioning } from '../LibraryProvisioning.ts';
import type { LibraryBinding, LibraryDownload, LibraryListing, LibrarySource } from '../LibrarySource.ts';
import {
  createGoogleDriveProvider,
  type GoogleDriveProvider,
  type GoogleDriveProviderOptions,
} from './createGoogleDriveProvider.ts';
import { DriveRequestError } from './driveErrors.ts';
import type { ChangeFeedBatch } from './GoogleDriveChangeFeed.ts';

/** The stack created the secret empty: nobody has put the service account's key in it yet. */
export class GoogleDriveNotConfiguredError extends PlatformError {
  constructor() {
    super({
      status: 503,
      type: 'drive-not-configured',
      title: 'Google Drive is not configured',
      detail: 'The service account key secret is empty: put the key file in it (see the drive README)',
    });
  }
}

/**
 * Reads a secret's string with the SDK (the secret's name or ARN from the platform's environment).
 *
 * @example await readSecretString(new SecretsManagerClient({}), 'soleil-drive-google-service-account');
 */
export const readSecretString = async (client: SecretsManagerClient, secretId: string): Promise<string> => {
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (SecretString === undefined || SecretString.trim() === '') throw new GoogleDriveNotConfiguredError();
    return SecretString;
  } catch (error) {
    // A secret created without a value has no current version yet.
    if ((error as { name?: string }).name === 'ResourceNotFoundException')
      throw new GoogleDriveNotConfiguredError();
    throw error;
  }
};

/**
 * The Google Drive provider built on first use from the service account key (read once per container and
 * kept only inside the provider: never logged, never returned). A failed read is tried again next time.
 */
export class GoogleDriveAccess implements LibrarySource, LibraryProvisioning, DriveChanges {
  readonly provider = 'google-drive' as const;
  private building: Promise<GoogleDriveProvider> | null = null;

  constructor(
    private readonly readKey: () => Promise<string>,
    private readonly options: Omit<GoogleDriveProviderOptions, 'serviceAccountKeyJson'> = {},
  ) {}

  drive(): Promise<GoogleDriveProvider> {
    this.building ??= this.readKey()
      .then((serviceAccountKeyJson) => createGoogleDriveProvider({ ...this.options, serviceAccountKeyJson }))
      .catch((error: unknown) => {
        this.building = null;
        throw error;
      });
    return this.building;
  }

  async list(binding: LibraryBinding, stored: readonly LibraryEntry[]): Promise<LibraryListing> {
    return (await this.drive()).source.list(binding, stored);
  }

  async download(
    binding: LibraryBinding,
    entry: Pick<LibraryEntry, 'fileId' | 'path' | 'mimeType'>,
  ): Promise<LibraryDownload> {
    return (await this.drive()).source.download(binding, entry);
  }

  async account(): Promise<string> {
    return (await this.drive()).serviceAccountEmail;
  }

  async startPageToken(): Promise<string> {
    return (await this.drive()).changes.startPageToken();
  }

  async read(pageToken: string, bindings: ReadonlyMap<string, string>): Promise<ChangeFeedBatch> {
    const drive = await this.drive();
    try {
      return await drive.changes.read(pageToken, bindings);
    } catch (error) {
      // Google answers a token it no longer knows (or never issued) with 400 or 404 on changes.list.
      if (
        error instanceof DriveRequestError &&
        error.operation === 'changes.list' &&
        (error.httpStatus === 400 || error.httpStatus === 404)
      ) {
        throw new PageTokenRefusedError(`Google refused the page token (${error.httpStatus})`);
      }
      throw error;
    }
  }

  async openChannel(pageToken: string, address: string): Promise<WatchChannel> {
    return (await this.drive()).watch.open(pageToken, address);
  }

  async stopChannel(channel: Pick<WatchChannel, 'channelId' | 'resourceId'>): Promise<void> {
    return (await this.drive()).watch.stop(channel);
  }

  async prepare(): Promise<void> {}

  async shareWith(): Promise<string | null> {
    return (await this.drive()).serviceAccountEmail;
  }
}

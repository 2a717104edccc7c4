import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PlatformError } from '../../../../shared/runtime/errors/PlatformError.ts';
import type { LibraryEntry } from '../../domain/libraryEntry.ts';
import type { LibraryProvisioning } from '../LibraryProvisioning.ts';
import type { LibraryBinding, LibraryDownload, LibraryListing, LibrarySource } from '../LibrarySource.ts';
import {
  createGoogleDriveProvider,
  type GoogleDriveProvider,
  type GoogleDriveProviderOptions,
} from './createGoogleDriveProvider.ts';

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
export class GoogleDriveAccess implements LibrarySource, LibraryProvisioning {
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

  async prepare(): Promise<void> {}

  async shareWith(): Promise<string | null> {
    return (await this.drive()).serviceAccountEmail;
  }
}

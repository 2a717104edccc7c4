import * as z from 'zod';
import { runtimeConfig } from '../../../shared/runtime/runtimeConfig.ts';

/** Settings the drive reads beyond the platform's own (declared in its manifest's `config`). */
export const DRIVE_ENV = {
  provider: 'SOLEIL_DRIVE_PROVIDER',
  /** The embedded platform's libraries: band `b`'s is `<dir>/b/` (the folder trigger's root). */
  libraryDir: 'SOLEIL_LIBRARY_DIR',
  googleApiUrl: 'SOLEIL_DRIVE_GOOGLE_API_URL',
  webhookUrl: 'SOLEIL_DRIVE_WEBHOOK_URL',
} as const;

/** Which library source the drive uses: chosen by configuration, never by guessing where it runs. */
export const LibraryProviderName = z.enum(['google-drive', 'folder']);

/** The drive's configuration. */
export interface DriveConfig {
  readonly provider: z.infer<typeof LibraryProviderName>;
  /** The libraries' root for the folder provider (the embedded platform sets it from the folder trigger). */
  readonly libraryDir: string | undefined;
  readonly googleApiUrl: string | undefined;
  /** The public URL of `POST /api/drive/notifications`, for Google's push channels; unset: polling only. */
  readonly webhookUrl: string | undefined;
}

/** Thrown when a drive setting holds an unusable value; the message names the variable, never a secret. */
export class InvalidDriveConfigError extends Error {
  override readonly name = 'InvalidDriveConfigError';
}

/**
 * Reads the drive's configuration from the environment.
 *
 * @example readDriveConfig({ SOLEIL_DRIVE_PROVIDER: 'folder', SOLEIL_LIBRARY_DIR: '/data/library' })
 */
export const readDriveConfig = (env: NodeJS.ProcessEnv = process.env): DriveConfig => {
  // The manifest's default (google-drive; folder on the embedded platform) is set by both renderers.
  const provider = LibraryProviderName.safeParse(runtimeConfig.setting(DRIVE_ENV.provider, env));
  if (!provider.success) {
    throw new InvalidDriveConfigError(`${DRIVE_ENV.provider} must be "google-drive" or "folder"`);
  }
  const libraryDir = runtimeConfig.optionalSetting(DRIVE_ENV.libraryDir, env);
  if (provider.data === 'folder' && libraryDir === undefined) {
    throw new InvalidDriveConfigError(`${DRIVE_ENV.libraryDir} must name the libraries' folder`);
  }
  return {
    provider: provider.data,
    libraryDir,
    googleApiUrl: runtimeConfig.optionalSetting(DRIVE_ENV.googleApiUrl, env),
    webhookUrl: runtimeConfig.optionalSetting(DRIVE_ENV.webhookUrl, env),
  };
};

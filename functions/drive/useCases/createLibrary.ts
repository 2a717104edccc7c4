import type { DriveDependencies } from './DriveDependencies.ts';

/**
 * Prepares a new band's library (on `auth.band_created`): records its source — a folder on disk is bound at
 * once, a Google Drive library waits for its leader to bind a folder — and creates the band's folder where
 * the provider has one. Safe to repeat: a redelivered event finds the source and only re-creates the folder.
 */
export const createLibrary = async (
  deps: Pick<DriveDependencies, 'sources' | 'provisioning' | 'now'>,
  band: { readonly bandId: string; readonly createdBy: string },
): Promise<{ readonly created: boolean }> => {
  await deps.provisioning.prepare(band.bandId);
  const created = await deps.sources.create({
    bandId: band.bandId,
    provider: deps.provisioning.provider,
    sourceFolderId: null,
    createdAt: deps.now().toISOString(),
    boundAt: null,
    boundBy: null,
    fileCount: 0,
    lastSync: null,
    lastError: null,
    lease: null,
  });
  return { created };
};

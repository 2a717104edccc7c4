import { BadRequestError } from '../../../shared/runtime/errors/requestErrors.ts';
import type { DriveDependencies } from './DriveDependencies.ts';
import { type SourceStatus, toSourceStatus } from './sourceStatus.ts';

/**
 * Binds a band's library to its source (leaders): the Google Drive folder the leader shared with the service
 * account, or, for a folder on disk, the band's own folder (no id to give). Rebinding replaces the folder;
 * the next sync reconciles the library with the new one.
 */
export const bindSource = async (
  deps: Pick<DriveDependencies, 'sources' | 'provisioning' | 'now'>,
  request: { readonly bandId: string; readonly folderId: string | null; readonly userId: string },
): Promise<SourceStatus> => {
  const { provider } = deps.provisioning;
  if (provider === 'google-drive' && request.folderId === null) {
    throw new BadRequestError('Name the shared Google Drive folder: {"folderId": "<id>"}');
  }
  if (provider === 'folder' && request.folderId !== null) {
    throw new BadRequestError(
      'This platform keeps each band’s library in its own folder: send {} to bind it',
    );
  }
  await deps.provisioning.prepare(request.bandId);
  const source = await deps.sources.bind(
    request.bandId,
    request.folderId,
    request.userId,
    deps.now().toISOString(),
  );
  return toSourceStatus(source, await deps.provisioning.shareWith(), deps.now());
};

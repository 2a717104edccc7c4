import { FolderLibrarySource } from '../providers/folder/FolderLibrarySource.ts';
import { FolderProvisioning } from '../providers/folder/FolderProvisioning.ts';
import type { LibraryProvisioning } from '../providers/LibraryProvisioning.ts';
import type { LibrarySource } from '../providers/LibrarySource.ts';
import type { CoreDriveWiring } from './coreDriveFactories.ts';

/** The configured provider (Google Drive, or a folder per band), as a library source and a provisioner. */
export interface SourceWiring extends CoreDriveWiring {
  readonly source: LibrarySource & LibraryProvisioning;
  readonly provider: LibrarySource;
  readonly provisioning: LibraryProvisioning;
}

/** The provider follows `SOLEIL_DRIVE_PROVIDER` (the embedded platform's manifest default is `folder`). */
export const sourceFactories: {
  readonly [K in Exclude<keyof SourceWiring, keyof CoreDriveWiring>]: (deps: SourceWiring) => SourceWiring[K];
} = {
  source: (d) => {
    if (d.google !== null) return d.google;
    const rootDir = d.config.libraryDir ?? '';
    const folder = new FolderLibrarySource({ rootDir });
    const provisioning = new FolderProvisioning(rootDir);
    return {
      provider: provisioning.provider,
      list: (binding, stored) => folder.list(binding, stored),
      download: (binding, entry) => folder.download(binding, entry),
      prepare: (bandId) => provisioning.prepare(bandId),
      shareWith: () => provisioning.shareWith(),
    };
  },
  provider: (d) => d.source,
  provisioning: (d) => d.source,
};

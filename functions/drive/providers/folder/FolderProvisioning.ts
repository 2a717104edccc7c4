import { mkdir } from 'node:fs/promises';
import type { LibraryProvisioning } from '../LibraryProvisioning.ts';
import { bandLibraryDir } from './libraryFolders.ts';

/** A folder per band on disk: a new band gets its folder, which is bound from the start. */
export class FolderProvisioning implements LibraryProvisioning {
  readonly provider = 'folder' as const;

  constructor(private readonly rootDir: string) {}

  async prepare(bandId: string): Promise<void> {
    await mkdir(bandLibraryDir(this.rootDir, bandId), { recursive: true });
  }

  async shareWith(): Promise<string | null> {
    return null;
  }
}

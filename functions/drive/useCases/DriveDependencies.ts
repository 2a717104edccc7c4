import type { Outbox } from '../../../shared/runtime/outbox/Outbox.ts';
import type { FileLinks } from '../providers/FileLinks.ts';
import type { LibraryProvisioning } from '../providers/LibraryProvisioning.ts';
import type { LibrarySource } from '../providers/LibrarySource.ts';
import type { LibraryStore } from '../store/LibraryStore.ts';
import type { SourceStore } from '../store/SourceStore.ts';

/** What the drive's use cases work with. */
export interface DriveDependencies {
  readonly sources: SourceStore;
  readonly library: LibraryStore;
  readonly provider: LibrarySource;
  readonly provisioning: LibraryProvisioning;
  readonly links: FileLinks;
  readonly outbox: Outbox;
  readonly now: () => Date;
}

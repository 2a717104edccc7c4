import type { Outbox } from '../../../shared/runtime/index.ts';
import type { LibraryListing } from '../providers/LibraryListing.ts';
import type { UserDirectory } from '../providers/UserDirectory.ts';
import type { CatalogueStore } from '../store/CatalogueStore.ts';
import type { GigStore } from '../store/GigStore.ts';
import type { MemberStore } from '../store/MemberStore.ts';

/** What content's use cases need; the wiring builds the production set, tests their own. */
export interface ContentDependencies {
  readonly catalogue: CatalogueStore;
  readonly members: MemberStore;
  readonly gigs: GigStore;
  readonly outbox: Outbox;
  readonly directory: UserDirectory;
  readonly library: LibraryListing;
  readonly now: () => Date;
  readonly newId: () => string;
}

/** Where an event a use case publishes comes from (the event it reacts to), when it reacts to one. */
export interface EventCause {
  readonly correlationId: string;
  readonly causationId: string;
  readonly hop: number;
}

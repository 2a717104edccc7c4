import type { Role } from '../../../shared/contracts/bandVocabulary.ts';
import type { BroadcastResult, SendOutcome } from '../../../shared/runtime/index.ts';
import type { BandLogStore } from '../store/BandLogStore.ts';
import type { ConnectionStore } from '../store/ConnectionStore.ts';
import type { LiveStateStore } from '../store/LiveStateStore.ts';

/** How sync reaches WebSocket clients (the kit's ConnectionNotifier in production). */
export interface Pusher {
  send(connectionId: string, message: unknown): Promise<SendOutcome>;
  broadcast(
    connectionIds: Iterable<string>,
    message: unknown,
    options?: { readonly concurrency?: number },
  ): Promise<BroadcastResult>;
  disconnect(connectionId: string): Promise<'closed' | 'gone'>;
}

/** Who belongs to a band, answered by auth (the authority on memberships). */
export interface MembershipDirectory {
  roleOf(bandId: string, userId: string): Promise<Role | null>;
}

/** What sync's use cases need; built once per container (wiring/) and replaced in tests. */
export interface SyncDependencies {
  readonly connections: ConnectionStore;
  readonly log: BandLogStore;
  readonly state: LiveStateStore;
  readonly pusher: Pusher;
  readonly memberships: MembershipDirectory;
  readonly now: () => Date;
  /** How long a band's log keeps messages for resume. */
  readonly logWindowSeconds: number;
}

export const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

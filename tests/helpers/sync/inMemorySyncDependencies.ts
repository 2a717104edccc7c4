import type { StatementSource } from '../../../functions/sync/domain/channelStatements.ts';
import type {
  ChannelBand,
  ConnectionRecord,
  LogEntry,
  Subscription,
} from '../../../functions/sync/domain/liveRecords.ts';
import type { AppendedEntry, BandLogStore } from '../../../functions/sync/store/BandLogStore.ts';
import type { ConnectionStore } from '../../../functions/sync/store/ConnectionStore.ts';
import type { LibrarySyncState, LiveStateStore } from '../../../functions/sync/store/LiveStateStore.ts';
import type {
  MembershipDirectory,
  Pusher,
  SyncDependencies,
} from '../../../functions/sync/useCases/SyncDependencies.ts';
import type { Instrument, Role } from '../../../shared/contracts/bandVocabulary.ts';
import { type BroadcastResult, ConnectionApiError, type SendOutcome } from '../../../shared/runtime/index.ts';

/** Connections and subscriptions in maps, with the DynamoDB store's rules (a subscribe needs its connection). */
export class InMemoryConnectionStore implements ConnectionStore {
  readonly connections = new Map<string, ConnectionRecord>();
  /** Keyed `connectionId/bandId`. */
  readonly subscriptions = new Map<string, Subscription>();
  private key = (connectionId: string, bandId: string) => `${connectionId}/${bandId}`;

  async putConnection(connection: ConnectionRecord) {
    this.connections.set(connection.connectionId, connection);
  }
  async getConnection(connectionId: string) {
    return this.connections.get(connectionId);
  }
  async deleteConnection(connectionId: string) {
    const had = await this.subscriptionsOfConnection(connectionId);
    for (const s of had) this.subscriptions.delete(this.key(connectionId, s.bandId));
    this.connections.delete(connectionId);
    return had;
  }
  async subscriptionsOfConnection(connectionId: string) {
    return [...this.subscriptions.values()].filter((s) => s.connectionId === connectionId);
  }
  async subscribe(subscription: Subscription) {
    if (!this.connections.has(subscription.connectionId)) return false;
    this.subscriptions.set(this.key(subscription.connectionId, subscription.bandId), subscription);
    return true;
  }
  async unsubscribe(connectionId: string, bandId: string) {
    return this.subscriptions.delete(this.key(connectionId, bandId));
  }
  async subscriptionsOfBand(bandId: string) {
    return [...this.subscriptions.values()]
      .filter((s) => s.bandId === bandId)
      .sort((a, b) => a.connectionId.localeCompare(b.connectionId));
  }
  async *subscriptionPagesOfBand(bandId: string, pageSize: number) {
    const room = await this.subscriptionsOfBand(bandId);
    for (let i = 0; i < room.length; i += pageSize) yield room.slice(i, i + pageSize);
  }
  async subscriptionsOfUserInBand(userId: string, bandId: string) {
    return [...this.subscriptions.values()].filter((s) => s.userId === userId && s.bandId === bandId);
  }
  async countUserSubscriptions(userId: string, bandId: string, atMost: number) {
    const held = [...this.subscriptions.values()].filter((s) => s.userId === userId && s.bandId === bandId);
    return Math.min(held.length, atMost);
  }
  async ofUser(userId: string) {
    return {
      connections: [...this.connections.values()].filter((c) => c.userId === userId),
      subscriptions: [...this.subscriptions.values()].filter((s) => s.userId === userId),
    };
  }
  async setRole(connectionId: string, bandId: string, role: Role) {
    const existing = this.subscriptions.get(this.key(connectionId, bandId));
    if (existing) this.subscriptions.set(this.key(connectionId, bandId), { ...existing, role });
  }
  async allConnectionIds() {
    return [...this.connections.keys()];
  }
}

/** Counters, entries and event claims in maps: one number and one entry per event, as the DynamoDB store. */
export class InMemoryBandLogStore implements BandLogStore {
  readonly counters = new Map<string, number>();
  readonly entries = new Map<string, LogEntry[]>();
  readonly claims = new Map<string, number>();

  async appendOnce(
    bandId: string,
    eventId: string,
    entryAt: (seq: number) => LogEntry,
  ): Promise<AppendedEntry> {
    const claimed = this.claims.get(eventId);
    if (claimed !== undefined) return { seq: claimed, fresh: false };
    const entry = entryAt((this.counters.get(bandId) ?? 0) + 1);
    this.counters.set(bandId, entry.seq);
    this.entries.set(bandId, [...(this.entries.get(bandId) ?? []), entry]);
    this.claims.set(eventId, entry.seq);
    return { seq: entry.seq, fresh: true };
  }
  async lastSeq(bandId: string) {
    return this.counters.get(bandId) ?? 0;
  }
  async entriesAfter(bandId: string, afterSeq: number, limit: number) {
    return (this.entries.get(bandId) ?? []).filter((e) => e.seq > afterSeq).slice(0, limit);
  }
}

/** Prepared channels (with the same ordering rule), health and reconciliations in maps. */
export class InMemoryLiveStateStore implements LiveStateStore {
  readonly channel = new Map<string, ChannelBand>();
  down: string[] = [];
  readonly librarySyncs = new Map<string, LibrarySyncState>();

  async stateChannelBand(entry: ChannelBand, source: StatementSource) {
    const kept = this.channel.get(`${entry.userId}/${entry.bandId}`);
    const wins = !kept || (source === 'login' ? kept.asOf < entry.asOf : kept.asOf <= entry.asOf);
    if (wins) this.channel.set(`${entry.userId}/${entry.bandId}`, entry);
    return wins;
  }
  async channelBand(userId: string, bandId: string) {
    return this.channel.get(`${userId}/${bandId}`);
  }
  async downModules() {
    return [...this.down];
  }
  async setDownModules(modules: readonly string[]) {
    this.down = [...modules];
  }
  async startLibrarySync(state: LibrarySyncState) {
    this.librarySyncs.set(state.bandId, state);
  }
  async countLibraryFile(bandId: string) {
    const running = this.librarySyncs.get(bandId);
    if (!running) return undefined;
    const counted = { ...running, filesSeen: running.filesSeen + 1 };
    this.librarySyncs.set(bandId, counted);
    return counted;
  }
  async endLibrarySync(bandId: string) {
    const running = this.librarySyncs.get(bandId);
    this.librarySyncs.delete(bandId);
    return running;
  }
  async runningLibrarySyncs() {
    return [...this.librarySyncs.values()];
  }
}

/** A push failure a connection keeps answering for its next `times` attempts. */
export interface ScriptedFailure {
  /** HTTP status API Gateway answered: 429 and 5xx are retryable, 403 is not. */
  readonly status: number;
  times: number;
}

/**
 * Records what reached each connection, and answers as API Gateway would for connections a test marked gone
 * (410) or failing. `attempts` counts every push tried, delivered or not.
 */
export class RecordingPusher implements Pusher {
  readonly pushes: { connectionId: string; message: Record<string, unknown> }[] = [];
  readonly disconnected: string[] = [];
  readonly gone = new Set<string>();
  readonly failing = new Map<string, ScriptedFailure>();
  attempts = 0;

  /** The messages a connection received, in order. */
  to(connectionId: string): Record<string, unknown>[] {
    return this.pushes.filter((p) => p.connectionId === connectionId).map((p) => p.message);
  }

  private push(connectionId: string, message: unknown): SendOutcome | ConnectionApiError {
    this.attempts += 1;
    if (this.gone.has(connectionId)) return 'gone';
    const failure = this.failing.get(connectionId);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return new ConnectionApiError({
        connectionId,
        operation: 'PostToConnection',
        awsErrorName: failure.status === 429 ? 'LimitExceededException' : 'ForbiddenException',
        httpStatus: failure.status,
        cause: null,
      });
    }
    this.pushes.push({ connectionId, message: message as Record<string, unknown> });
    return 'sent';
  }

  async send(connectionId: string, message: unknown): Promise<SendOutcome> {
    const outcome = this.push(connectionId, message);
    if (outcome instanceof ConnectionApiError) throw outcome;
    return outcome;
  }

  async broadcast(connectionIds: Iterable<string>, message: unknown): Promise<BroadcastResult> {
    const result = {
      sent: [] as string[],
      gone: [] as string[],
      failed: [] as BroadcastResult['failed'][number][],
    };
    for (const connectionId of new Set(connectionIds)) {
      const outcome = this.push(connectionId, message);
      if (outcome instanceof ConnectionApiError) result.failed.push({ connectionId, error: outcome });
      else if (outcome === 'gone') result.gone.push(connectionId);
      else result.sent.push(connectionId);
    }
    return result;
  }

  async disconnect(connectionId: string): Promise<'closed' | 'gone'> {
    this.disconnected.push(connectionId);
    return this.gone.has(connectionId) ? 'gone' : 'closed';
  }
}

/** Auth's answers about memberships (`bandId/userId` → role), counting the questions. */
export class ScriptedMembershipDirectory implements MembershipDirectory {
  readonly roles = new Map<string, Role>();
  calls = 0;
  async roleOf(bandId: string, userId: string) {
    this.calls += 1;
    return this.roles.get(`${bandId}/${userId}`) ?? null;
  }
}

/** Sync's dependencies in memory, with a clock the test moves (`clock.now`). */
export const inMemorySyncDependencies = (start = new Date('2026-06-01T12:00:00.000Z')) => {
  const connections = new InMemoryConnectionStore();
  const log = new InMemoryBandLogStore();
  const state = new InMemoryLiveStateStore();
  const pusher = new RecordingPusher();
  const memberships = new ScriptedMembershipDirectory();
  const clock = { now: start };
  const deps: SyncDependencies = {
    connections,
    log,
    state,
    pusher,
    memberships,
    now: () => clock.now,
    logWindowSeconds: 86_400,
  };
  return { deps, connections, log, state, pusher, memberships, clock };
};

/** A connection of `userId` already subscribed to `bandId` (as `$connect` then `subscribe` leave it). */
/** A member's connection subscribed to a band, in one line: `seat('c-ana', 'ana', 'band-1', 'member', ['trumpet'])`. */
export const seat = (
  connectionId: string,
  userId: string,
  bandId: string,
  role: Role,
  instruments: readonly Instrument[] = [],
) => ({ connectionId, userId, bandId, role, instruments });

export const connectedMember = async (
  connections: InMemoryConnectionStore,
  member: {
    readonly connectionId: string;
    readonly userId: string;
    readonly bandId: string;
    readonly role: Role;
    readonly instruments?: readonly Instrument[];
  },
): Promise<void> => {
  const instruments = member.instruments ?? [];
  const expiresAt = 2_000_000_000;
  await connections.putConnection({
    connectionId: member.connectionId,
    userId: member.userId,
    instruments,
    connectedAt: '2026-06-01T12:00:00.000Z',
    expiresAt,
  });
  await connections.subscribe({ ...member, instruments, expiresAt });
};

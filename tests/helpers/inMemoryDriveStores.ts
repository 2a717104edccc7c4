import { CommitSupersededError, SyncInProgressError } from '../../functions/drive/domain/driveErrors.ts';
import type { LibraryEntry } from '../../functions/drive/domain/libraryEntry.ts';
import type { SourceRecord } from '../../functions/drive/domain/sourceRecord.ts';
import type { ChangeFeedStore, StoredChannel } from '../../functions/drive/store/ChangeFeedStore.ts';
import type { LibraryCommit, LibraryPage, LibraryStore } from '../../functions/drive/store/LibraryStore.ts';
import type { SourceStore } from '../../functions/drive/store/SourceStore.ts';
import type { EventToPublish, Publisher } from '../../shared/runtime/events/PublisherTypes.ts';
import { type Outbox, outboxOver } from '../../shared/runtime/outbox/Outbox.ts';
import type { OutboxEvent } from '../../shared/runtime/outbox/OutboxEvent.ts';
import type { TransactWriteItem } from '../../shared/runtime/storage/TransactWriteItem.ts';

/** Sources in memory, with the DynamoDB store's conditions. */
export class InMemorySourceStore implements SourceStore {
  readonly rows = new Map<string, SourceRecord>();

  async get(bandId: string) {
    return this.rows.get(bandId) ?? null;
  }
  async listAll() {
    return [...this.rows.values()];
  }
  async create(record: SourceRecord) {
    if (this.rows.has(record.bandId)) return false;
    this.rows.set(record.bandId, record);
    return true;
  }
  async bind(bandId: string, sourceFolderId: string | null, boundBy: string, boundAt: string) {
    const row = this.rows.get(bandId);
    if (!row) throw new Error('no such band');
    const next = { ...row, sourceFolderId, boundBy, boundAt };
    this.rows.set(bandId, next);
    return next;
  }
  async acquireLease(bandId: string, syncId: string, now: string, until: string) {
    const row = this.rows.get(bandId);
    if (!row || (row.lease !== null && row.lease.until >= now)) return false;
    this.rows.set(bandId, { ...row, lease: { syncId, until } });
    return true;
  }
  async recordFailure(bandId: string, syncId: string, at: string, message: string) {
    const row = this.rows.get(bandId);
    if (row?.lease?.syncId !== syncId) return;
    this.rows.set(bandId, { ...row, lease: null, lastError: { at, message } });
  }
  async releaseLease(bandId: string, syncId: string) {
    const row = this.rows.get(bandId);
    if (row?.lease?.syncId !== syncId) return;
    this.rows.set(bandId, { ...row, lease: null });
  }
}

/**
 * Another in-memory store whose transaction items (`LibraryCommit.alsoWrite`) a library commit can take in:
 * it says whether an item's condition holds, then applies it, as one DynamoDB transaction would.
 */
export interface InMemoryTransactionPart {
  owns(item: TransactWriteItem): boolean;
  holds(item: TransactWriteItem): boolean;
  apply(item: TransactWriteItem): void;
}

/**
 * A library in memory whose commits behave like the DynamoDB transaction: all or nothing, the lease
 * checked, the events kept as the outbox items of that commit, `alsoWrite` items checked and applied by the
 * `parts` that own them; `failCommitNumber` makes one commit fail (a crash between chunks). `transactions`
 * records what each successful commit held.
 */
export class InMemoryLibraryStore implements LibraryStore {
  readonly items = new Map<string, Map<string, LibraryEntry>>();
  commits = 0;
  failCommitNumber: number | null = null;
  largestCommit = 0;
  readonly transactions: { readonly chunk: LibraryCommit; readonly size: number }[] = [];

  constructor(
    private readonly sources: InMemorySourceStore,
    private readonly parts: readonly InMemoryTransactionPart[] = [],
  ) {}

  private partOf(item: TransactWriteItem): InMemoryTransactionPart {
    const part = this.parts.find((p) => p.owns(item));
    if (!part) throw new Error('No in-memory store owns this transaction item');
    return part;
  }

  private band(bandId: string): Map<string, LibraryEntry> {
    let band = this.items.get(bandId);
    if (!band) {
      band = new Map();
      this.items.set(bandId, band);
    }
    return band;
  }
  async listBand(bandId: string) {
    return [...this.band(bandId).values()];
  }
  async getItem(bandId: string, fileId: string) {
    return this.band(bandId).get(fileId) ?? null;
  }
  async holdersOf(fileIds: readonly string[]) {
    const holders = new Map<string, string>();
    for (const [bandId, band] of this.items) {
      for (const fileId of fileIds) if (band.has(fileId)) holders.set(fileId, bandId);
    }
    return holders;
  }
  async pageFiles(bandId: string, after: string | null, limit: number): Promise<LibraryPage> {
    const files = [...this.band(bandId).values()]
      .filter((e) => e.kind === 'file' && (after === null || e.fileId > after))
      .sort((a, b) => (a.fileId < b.fileId ? -1 : 1));
    const page = files.slice(0, limit);
    return { files: page, lastFileId: files.length > limit ? (page.at(-1)?.fileId ?? null) : null };
  }
  async commit(chunk: LibraryCommit) {
    this.commits++;
    if (this.commits === this.failCommitNumber) throw new Error('crashed before this commit');
    const also = chunk.alsoWrite ?? [];
    // As DynamoDbLibraryStore maps the cancellation reasons: the caller's condition first, then the lease.
    if (also.some((item) => !this.partOf(item).holds(item))) throw new CommitSupersededError();
    const source = this.sources.rows.get(chunk.bandId);
    if (source?.lease?.syncId !== chunk.syncId) throw new SyncInProgressError();
    const size = 1 + chunk.writes.length + chunk.deletes.length + chunk.events.length + also.length;
    this.largestCommit = Math.max(this.largestCommit, size);
    this.transactions.push({ chunk, size });
    for (const item of also) this.partOf(item).apply(item);
    const band = this.band(chunk.bandId);
    for (const entry of chunk.writes) band.set(entry.fileId, entry);
    for (const id of chunk.deletes) band.delete(id);
    if (chunk.finish) {
      this.sources.rows.set(chunk.bandId, {
        ...source,
        lastSync: chunk.finish.outcome,
        fileCount: chunk.finish.fileCount,
        lastError: null,
        lease: null,
      });
    }
  }
}

/** The kit's outbox over memory: what it publishes, in order. */
export const inMemoryOutbox = (): { outbox: Outbox; published: EventToPublish[] } => {
  const published: EventToPublish[] = [];
  const publisher: Publisher = {
    publish: async (name, data, options) => {
      published.push({ name, data, options } as EventToPublish);
      return crypto.randomUUID();
    },
    publishAll: async (events) => {
      published.push(...events);
      return events.map(() => crypto.randomUUID());
    },
  };
  const outbox = outboxOver('drive', {
    store: { listWaiting: async () => [] as OutboxEvent[], deleteEvents: async () => undefined },
    publisher,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    metrics: { addMetric: () => undefined } as never,
    now: () => new Date(),
  });
  return { outbox, published };
};

/** A folder-provider source row, bound from the start. */
export const folderSource = (bandId: string): SourceRecord => ({
  bandId,
  provider: 'folder',
  sourceFolderId: null,
  createdAt: '2026-11-29T10:00:00.000Z',
  boundAt: null,
  boundBy: null,
  fileCount: 0,
  lastSync: null,
  lastError: null,
  lease: null,
});

/** The table name of the in-memory change feed's transaction items. */
const IN_MEMORY_FEED_TABLE = 'in-memory-change-feed';

/**
 * The changes feed's token and channels in memory, with the DynamoDB store's conditions; its token writes
 * join an `InMemoryLibraryStore` commit when that store is given it as a part.
 */
export class InMemoryChangeFeedStore implements ChangeFeedStore, InMemoryTransactionPart {
  readonly tokens = new Map<string, string>();
  readonly channelRows = new Map<string, StoredChannel>();
  private readonly tokenWrites = new WeakMap<
    TransactWriteItem,
    { account: string; expected: string | null; next: string }
  >();

  async pageToken(account: string) {
    return this.tokens.get(account) ?? null;
  }
  async savePageToken(account: string, expected: string | null, next: string, _at?: string) {
    if ((this.tokens.get(account) ?? null) !== expected) return false;
    this.tokens.set(account, next);
    return true;
  }
  pageTokenWrite(account: string, expected: string | null, next: string, at: string): TransactWriteItem {
    const item: TransactWriteItem = {
      Put: { TableName: IN_MEMORY_FEED_TABLE, Item: { id: `feed#${account}`, pageToken: next, savedAt: at } },
    };
    this.tokenWrites.set(item, { account, expected, next });
    return item;
  }
  owns(item: TransactWriteItem) {
    return this.tokenWrites.has(item);
  }
  holds(item: TransactWriteItem) {
    const write = this.tokenWrites.get(item);
    return write !== undefined && (this.tokens.get(write.account) ?? null) === write.expected;
  }
  apply(item: TransactWriteItem) {
    const write = this.tokenWrites.get(item);
    if (write) this.tokens.set(write.account, write.next);
  }
  async resetPageToken(account: string) {
    this.tokens.delete(account);
  }
  async channel(channelId: string) {
    return this.channelRows.get(channelId) ?? null;
  }
  async channels() {
    return [...this.channelRows.values()];
  }
  async saveChannel(channel: StoredChannel) {
    this.channelRows.set(channel.channelId, channel);
  }
  async deleteChannel(channelId: string) {
    this.channelRows.delete(channelId);
  }
}

/** A Google Drive source row bound to `folderId`. */
export const googleSource = (bandId: string, folderId: string): SourceRecord => ({
  ...folderSource(bandId),
  provider: 'google-drive',
  sourceFolderId: folderId,
  boundAt: '2026-11-29T10:00:00.000Z',
  boundBy: 'u-leader',
});

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LibraryEntry } from '../../../../../functions/drive/domain/libraryEntry.ts';
import {
  cacheKeyOf,
  FileContentCache,
  MAX_CACHED_FILE_BYTES,
} from '../../../../../functions/drive/providers/FileContentCache.ts';
import type {
  LibraryBinding,
  LibraryDownload,
  LibrarySource,
} from '../../../../../functions/drive/providers/LibrarySource.ts';
import {
  type CacheFileContentDependencies,
  cacheFileContent,
  type LibraryContentEvent,
} from '../../../../../functions/drive/useCases/cacheFileContent.ts';
import {
  folderSource,
  googleSource,
  InMemoryLibraryStore,
  InMemorySourceStore,
} from '../../../../helpers/inMemoryDriveStores.ts';
import { InMemoryS3 } from '../../../../helpers/inMemoryS3.ts';
import { fileEntry, folderEntry } from '../../../../helpers/libraryEntries.ts';

const BUCKET = 'file-cache';
const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** A source whose files hold what the test puts in `bytes`; every download is counted. */
class BytesSource implements Pick<LibrarySource, 'download'> {
  readonly bytes = new Map<string, string>();
  readonly downloads: Array<{ binding: LibraryBinding; fileId: string }> = [];
  failing = false;
  async download(binding: LibraryBinding, entry: Pick<LibraryEntry, 'fileId'>): Promise<LibraryDownload> {
    this.downloads.push({ binding, fileId: entry.fileId });
    if (this.failing) throw new Error('the source is unreachable');
    const text = this.bytes.get(entry.fileId);
    if (text === undefined) throw new Error(`no file ${entry.fileId}`);
    return { body: Readable.from([Buffer.from(text)]), sizeBytes: text.length, mimeType: 'application/pdf' };
  }
}

let s3: InMemoryS3;
let sources: InMemorySourceStore;
let library: InMemoryLibraryStore;
let source: BytesSource;
let deps: CacheFileContentDependencies;

/** Stores the entry in band-1's library, its bytes in the source, and answers the entry. */
const putFile = (fileId: string, text: string, overrides: Partial<LibraryEntry> = {}): LibraryEntry => {
  const entry = fileEntry(fileId, `${fileId}_Bb.pdf`, {
    checksum: sha256(text),
    sizeBytes: text.length,
    ...overrides,
  });
  library.items.set('band-1', new Map([...(library.items.get('band-1') ?? new Map()), [fileId, entry]]));
  source.bytes.set(fileId, text);
  return entry;
};

const eventFile = (entry: LibraryEntry) => ({
  fileId: entry.fileId,
  name: entry.name,
  path: entry.path,
  mimeType: entry.mimeType,
  sizeBytes: entry.sizeBytes,
  modifiedAt: entry.modifiedAt,
  folderId: entry.folderId,
  checksum: entry.checksum,
  version: entry.version,
});
const added = (entry: LibraryEntry): LibraryContentEvent => ({
  name: 'drive.file_added',
  data: { bandId: 'band-1', file: eventFile(entry) },
});
const changed = (
  entry: LibraryEntry,
  changes: Array<'content' | 'name' | 'metadata'>,
  previousName: string | null = null,
): LibraryContentEvent => ({
  name: 'drive.file_changed',
  data: { bandId: 'band-1', file: eventFile(entry), previousName, changes },
});
const objectAt = (entry: LibraryEntry) => s3.objects.get(`${BUCKET}/${cacheKeyOf('band-1', entry)}`);

beforeEach(() => {
  s3 = new InMemoryS3();
  sources = new InMemorySourceStore();
  sources.rows.set('band-1', folderSource('band-1'));
  library = new InMemoryLibraryStore(sources);
  source = new BytesSource();
  deps = { sources, library, provider: source, cache: new FileContentCache(s3.client, BUCKET) };
});

describe('cacheFileContent: a file’s bytes copied to the cache when it is added or its content changes', () => {
  it('copies an added file under its checksum’s key, HeadObject first', async () => {
    const entry = putFile('f1', '%PDF-1.4 all of me');
    expect(await cacheFileContent(deps, added(entry))).toBe('copied');
    expect(objectAt(entry)?.body.toString()).toBe('%PDF-1.4 all of me');
    expect(objectAt(entry)?.contentType).toBe('application/pdf');
    const key = `${BUCKET}/bands/band-1/content/${entry.checksum?.replace(':', '-')}`;
    expect(s3.calls).toEqual([`head ${key}`, `put ${key}`]);
    expect(source.downloads).toEqual([{ binding: { bandId: 'band-1', sourceFolderId: null }, fileId: 'f1' }]);
  });

  it('reads the source once: a redelivered event finds the bytes and copies nothing', async () => {
    const entry = putFile('f1', '%PDF-1.4 all of me');
    await cacheFileContent(deps, added(entry));
    expect(await cacheFileContent(deps, added(entry))).toBe('cached');
    expect(source.downloads).toHaveLength(1);
    expect(s3.calls.filter((c) => c.startsWith('put'))).toHaveLength(1);
  });

  it('copies new content under a new key and leaves the old one (links already handed out still work)', async () => {
    const first = putFile('f1', '%PDF-1.4 first arrangement');
    await cacheFileContent(deps, added(first));
    const second = putFile('f1', '%PDF-1.4 second arrangement', { version: 2 });
    expect(await cacheFileContent(deps, changed(second, ['content']))).toBe('copied');
    expect(objectAt(second)?.body.toString()).toBe('%PDF-1.4 second arrangement');
    expect(objectAt(first)?.body.toString()).toBe('%PDF-1.4 first arrangement');
  });

  it('does nothing for a rename or a move (same bytes, same key)', async () => {
    const entry = putFile('f1', '%PDF-1.4 all of me');
    expect(await cacheFileContent(deps, changed(entry, ['name'], 'Old_Bb.pdf'))).toBe('no-content-change');
    expect(await cacheFileContent(deps, changed(entry, ['metadata']))).toBe('no-content-change');
    expect(s3.calls).toEqual([]);
    expect(source.downloads).toEqual([]);
  });

  it('skips files that left the library, folders, Google documents and files over the size limit', async () => {
    const gone = fileEntry('gone', 'Gone_Bb.pdf');
    expect(await cacheFileContent(deps, added(gone))).toBe('gone');
    const folder = folderEntry('d1', 'Charts');
    library.items.set('band-1', new Map([['d1', folder]]));
    expect(await cacheFileContent(deps, added({ ...folder, kind: 'file' }))).toBe('gone');
    const doc = putFile('doc', 'irrelevant', {
      checksum: null,
      mimeType: 'application/vnd.google-apps.document',
    });
    expect(await cacheFileContent(deps, added(doc))).toBe('no-bytes');
    const huge = putFile('huge', 'irrelevant', { sizeBytes: MAX_CACHED_FILE_BYTES + 1 });
    expect(await cacheFileContent(deps, added(huge))).toBe('too-large');
    sources.rows.delete('band-1');
    const orphan = putFile('f9', '%PDF-1.4 no band');
    expect(await cacheFileContent(deps, added(orphan))).toBe('gone');
    expect(source.downloads).toEqual([]);
    expect(s3.calls.filter((c) => c.startsWith('put'))).toEqual([]);
  });

  it('follows the stored entry, and keys bytes newer than it by their own checksum', async () => {
    // The event is about version 1; the library has version 2 since, and the source already holds a third
    // content the next sync will find. What is copied sits under the checksum of what was read.
    const v1 = putFile('f1', '%PDF-1.4 one');
    const v2 = putFile('f1', '%PDF-1.4 two', { version: 2 });
    source.bytes.set('f1', '%PDF-1.4 three');
    expect(await cacheFileContent(deps, added(v1))).toBe('copied');
    expect(objectAt(v1)).toBeUndefined();
    expect(objectAt(v2)).toBeUndefined();
    const third = { ...v2, checksum: sha256('%PDF-1.4 three') };
    expect(objectAt(third)?.body.toString()).toBe('%PDF-1.4 three');
  });

  it('reads a Google Drive file through its bound folder, keyed by its MD5', async () => {
    sources.rows.set('band-1', googleSource('band-1', 'folder-xyz'));
    const text = '%PDF-1.4 from google';
    const entry = putFile('g1', text, { checksum: `md5:${createHash('md5').update(text).digest('hex')}` });
    expect(await cacheFileContent(deps, added(entry))).toBe('copied');
    expect(objectAt(entry)?.body.toString()).toBe(text);
    expect(source.downloads[0]?.binding).toEqual({ bandId: 'band-1', sourceFolderId: 'folder-xyz' });
  });

  it('throws when the source or S3 fails, so the queue tries again; a retry then copies', async () => {
    const entry = putFile('f1', '%PDF-1.4 all of me');
    source.failing = true;
    await expect(cacheFileContent(deps, added(entry))).rejects.toThrow('unreachable');
    source.failing = false;
    s3.failPuts = true;
    await expect(cacheFileContent(deps, added(entry))).rejects.toMatchObject({ name: 'SlowDown' });
    s3.failPuts = false;
    expect(await cacheFileContent(deps, added(entry))).toBe('copied');
  });
});

import { createHash, randomBytes } from 'node:crypto';

export const FOLDER = 'application/vnd.google-apps.folder';

/** A file or folder of the fake, as Drive keeps it. */
export interface FakeFile {
  readonly id: string;
  name: string;
  mimeType: string;
  parents: string[];
  trashed: boolean;
  content: Buffer | null;
  modifiedTime: string;
  version: number;
  /** Whether the service account may see it (a folder of the leader's own Drive, not shared, is not). */
  visible: boolean;
}

/** One entry of the changes log. */
export interface FakeChange {
  readonly seq: number;
  readonly fileId: string;
  /** Deleted for good (or unshared): `changes.list` then sends `removed: true` and no file. */
  readonly removed: boolean;
  readonly time: string;
}

/** The `File` resource as Drive v3 serializes it (int64 as strings). */
export const fileResource = (file: FakeFile): Record<string, unknown> => ({
  kind: 'drive#file',
  id: file.id,
  name: file.name,
  mimeType: file.mimeType,
  parents: [...file.parents],
  trashed: file.trashed,
  modifiedTime: file.modifiedTime,
  version: String(file.version),
  ...(file.content === null
    ? {}
    : {
        size: String(file.content.length),
        md5Checksum: createHash('md5').update(file.content).digest('hex'),
      }),
});

/**
 * The fake's Drive: files by id, and a changes log that every mutation appends to, so `changes.list` reports
 * exactly what a test did. Ids look like Drive's (letters, digits, `-`, `_`; starting with a letter here).
 */
export class FakeDriveState {
  readonly files = new Map<string, FakeFile>();
  readonly changes: FakeChange[] = [];
  private clock = Date.parse('2026-11-24T10:00:00.000Z');
  private readonly listeners: ((change: FakeChange) => void)[] = [];

  /** The next change's sequence number: what `changes.getStartPageToken` answers. */
  get nextSeq(): number {
    return this.changes.length + 1;
  }

  onChange(listener: (change: FakeChange) => void): void {
    this.listeners.push(listener);
  }

  private tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  private record(fileId: string, removed = false): void {
    const change: FakeChange = {
      seq: this.nextSeq,
      fileId,
      removed,
      time: new Date(this.clock).toISOString(),
    };
    this.changes.push(change);
    for (const listener of this.listeners) listener(change);
  }

  private newId(): string {
    return `F${randomBytes(12).toString('base64url')}`;
  }

  get(id: string): FakeFile {
    const file = this.files.get(id);
    if (file === undefined) throw new Error(`The fake has no file ${id}`);
    return file;
  }

  /** A folder the service account cannot see (a leader's My Drive): ancestry walks stop there. */
  addHiddenFolder(name = 'My Drive'): string {
    const id = this.newId();
    this.files.set(id, {
      id,
      name,
      mimeType: FOLDER,
      parents: [],
      trashed: false,
      content: null,
      modifiedTime: this.tick(),
      version: 1,
      visible: false,
    });
    return id;
  }

  addFolder(name: string, parentId: string): string {
    return this.add(name, parentId, FOLDER, null);
  }

  addFile(name: string, parentId: string, content: string | Buffer, mimeType = 'application/pdf'): string {
    return this.add(name, parentId, mimeType, Buffer.from(content));
  }

  /** A Google document: no bytes, no checksum, not downloadable. */
  addGoogleDoc(name: string, parentId: string): string {
    return this.add(name, parentId, 'application/vnd.google-apps.document', null);
  }

  private add(name: string, parentId: string, mimeType: string, content: Buffer | null): string {
    const id = this.newId();
    this.files.set(id, {
      id,
      name,
      mimeType,
      parents: [parentId],
      trashed: false,
      content,
      modifiedTime: this.tick(),
      version: 1,
      visible: true,
    });
    this.record(id);
    return id;
  }

  private update(id: string, change: (file: FakeFile) => void): void {
    const file = this.get(id);
    change(file);
    file.version++;
    file.modifiedTime = this.tick();
    this.record(id);
  }

  replaceContent(id: string, content: string | Buffer): void {
    this.update(id, (file) => {
      file.content = Buffer.from(content);
    });
  }

  rename(id: string, name: string): void {
    this.update(id, (file) => {
      file.name = name;
    });
  }

  move(id: string, parentId: string): void {
    this.update(id, (file) => {
      file.parents = [parentId];
    });
  }

  /** Trashes a file or a folder; like Drive, a folder's descendants are trashed with it (one change each). */
  trash(id: string): void {
    this.update(id, (file) => {
      file.trashed = true;
    });
    for (const child of [...this.files.values()].filter((f) => f.parents.includes(id) && !f.trashed)) {
      this.trash(child.id);
    }
  }

  /** Deletes for good: `changes.list` reports `removed: true`. */
  delete(id: string): void {
    this.files.delete(id);
    this.tick();
    this.record(id, true);
  }

  /** Children of a folder the service account sees, by name (Drive's order is unspecified; tests want one). */
  childrenOf(folderId: string, trashed: boolean): FakeFile[] {
    return [...this.files.values()]
      .filter((f) => f.visible && f.parents.includes(folderId) && f.trashed === trashed)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  }
}

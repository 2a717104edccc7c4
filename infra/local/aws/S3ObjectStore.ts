import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** An object as the local S3 keeps it. */
export interface StoredObject {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
  readonly lastModified: string;
}

interface ObjectMeta {
  readonly contentType: string;
  readonly etag: string;
  readonly lastModified: string;
}

/**
 * The local S3's objects: one folder per bucket under `rootDir` (the data folder's `s3/`), one file per
 * object named by the key's base64url (keys hold `/` and any character, so a key never names a path), with
 * a `.meta.json` beside it.
 */
export class S3ObjectStore {
  constructor(private readonly rootDir: string) {}

  async put(bucket: string, key: string, body: Buffer, contentType: string): Promise<StoredObject> {
    const file = this.fileOf(bucket, key);
    await mkdir(path.dirname(file), { recursive: true });
    const meta: ObjectMeta = {
      contentType,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      lastModified: new Date().toUTCString(),
    };
    await writeFile(file, body);
    await writeFile(`${file}.meta.json`, JSON.stringify(meta));
    return { body, ...meta };
  }

  async get(bucket: string, key: string): Promise<StoredObject | null> {
    const file = this.fileOf(bucket, key);
    try {
      const [body, meta] = await Promise.all([readFile(file), readFile(`${file}.meta.json`, 'utf8')]);
      return { body, ...(JSON.parse(meta) as ObjectMeta) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(bucket: string, key: string): Promise<void> {
    const file = this.fileOf(bucket, key);
    await rm(file, { force: true });
    await rm(`${file}.meta.json`, { force: true });
  }

  private fileOf(bucket: string, key: string): string {
    return path.join(this.rootDir, bucket, Buffer.from(key, 'utf8').toString('base64url'));
  }
}

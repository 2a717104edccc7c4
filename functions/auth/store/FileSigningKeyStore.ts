import { randomUUID } from 'node:crypto';
import { link, mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';
import type { SigningKeyRecord, SigningKeyStore } from './SigningKeyStore.ts';

const KEY_FILE_SUFFIX = '.json';
// Only the user running the platform may list or read the keys.
const DIRECTORY_MODE = 0o700;
const FILE_MODE = 0o600;

const EcJwk = z.looseObject({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() });

const KeyFile = z.object({
  kid: z.string().min(1),
  createdAt: z.string(),
  activeFrom: z.string().optional(),
  publicJwk: EcJwk,
  privateJwk: EcJwk.extend({ d: z.string() }),
});

/** A key file that is not a signing key record: the folder holds something it should not. */
export class CorruptSigningKeyError extends Error {
  override readonly name = 'CorruptSigningKeyError';
}

const fileNameOf = (kid: string): string => `${encodeURIComponent(kid)}${KEY_FILE_SUFFIX}`;

const isAlreadyThere = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'EEXIST';

/**
 * Signing keys as files in a folder of their own, one per key (`<kid>.json`, mode 0600, in a folder of mode
 * 0700): where the embedded platform keeps auth's private keys, outside the database every module's code and
 * every DynamoDB client on the machine can scan — as KMS keeps them out of DynamoDB in AWS. A key is written
 * to a temporary file and then hard-linked to its name, which fails when the name exists: of many containers
 * creating a period's key at once exactly one wins, as with the DynamoDB store's conditional put.
 */
export class FileSigningKeyStore implements SigningKeyStore {
  constructor(private readonly directory: string) {}

  async listNewest(limit: number): Promise<SigningKeyRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const kids = names
      .filter((name) => name.endsWith(KEY_FILE_SUFFIX) && !name.startsWith('.'))
      .map((name) => decodeURIComponent(name.slice(0, -KEY_FILE_SUFFIX.length)))
      // Newest first by kid, as the DynamoDB store's sort key orders them.
      .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
      .slice(0, limit);
    return Promise.all(kids.map((kid) => this.read(kid)));
  }

  async putKey(record: SigningKeyRecord): Promise<boolean> {
    await mkdir(this.directory, { recursive: true, mode: DIRECTORY_MODE });
    const temporary = path.join(this.directory, `.${randomUUID()}.tmp`);
    await writeFile(temporary, JSON.stringify(record), { mode: FILE_MODE, flag: 'wx' });
    try {
      await link(temporary, path.join(this.directory, fileNameOf(record.kid)));
      return true;
    } catch (error) {
      if (isAlreadyThere(error)) return false;
      throw error;
    } finally {
      await unlink(temporary);
    }
  }

  private async read(kid: string): Promise<SigningKeyRecord> {
    const file = path.join(this.directory, fileNameOf(kid));
    const text = await readFile(file, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new CorruptSigningKeyError(`${file} is not JSON`);
    }
    const parsed = KeyFile.safeParse(json);
    if (!parsed.success || parsed.data.kid !== kid) {
      throw new CorruptSigningKeyError(`${file} is not a signing key of this store`);
    }
    const { activeFrom, ...rest } = parsed.data;
    return { ...rest, ...(activeFrom === undefined ? {} : { activeFrom }) };
  }
}

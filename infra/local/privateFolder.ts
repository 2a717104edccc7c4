import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Owner only: other users of the machine can neither list nor read what is inside.
const PRIVATE_MODE = 0o700;

/**
 * Creates `folder` (and its parents) if needed and makes it readable by the owner only, also when it existed
 * with a wider mode: the data folder holds every module's data, the key folder the private signing keys.
 */
export const ensurePrivateFolder = (folder: string): string => {
  mkdirSync(folder, { recursive: true, mode: PRIVATE_MODE });
  chmodSync(folder, PRIVATE_MODE);
  return folder;
};

/** A fresh private folder under the OS temp folder (a platform kept in memory), and how to remove it. */
export const temporaryPrivateFolder = (prefix: string): { readonly path: string; remove(): void } => {
  const created = mkdtempSync(path.join(tmpdir(), prefix));
  chmodSync(created, PRIVATE_MODE);
  return { path: created, remove: () => rmSync(created, { recursive: true, force: true }) };
};

/** Custom resource property holding the catalog entries (JSON: CloudFormation turns every scalar into a string). */
export const ENTRIES_PROPERTY = 'EntriesJson';

/** Custom resource property holding a hash of the entries: a new model means a new hash, so the writer runs. */
export const ENTRIES_HASH_PROPERTY = 'EntriesHash';

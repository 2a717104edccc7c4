import type {
  SigningKeyRecord,
  SigningKeyStore,
} from '../../../../../functions/auth/store/SigningKeyStore.ts';

/** A signing-key store in memory, for unit tests of the token code. */
export const inMemorySigningKeyStore = (): SigningKeyStore & { readonly keys: SigningKeyRecord[] } => {
  const keys: SigningKeyRecord[] = [];
  return {
    keys,
    listNewest: async (limit) => [...keys].sort((a, b) => b.kid.localeCompare(a.kid)).slice(0, limit),
    putKey: async (record) => {
      if (keys.some((k) => k.kid === record.kid)) return false;
      keys.push(record);
      return true;
    },
  };
};

import * as z from 'zod';
import { InvalidServiceAccountKeyError } from './driveErrors.ts';

/** The fields of a Google service-account key file (JSON) the drive uses; the rest is ignored. */
const ServiceAccountKeySchema = z.object({
  client_email: z.string().min(3).max(320),
  private_key: z.string().includes('PRIVATE KEY'),
  private_key_id: z.string().min(1).optional(),
  token_uri: z.url({ protocol: /^https?$/ }),
});

/** A parsed service-account key. Holds a private key: never log it, never put it in an error. */
export interface ServiceAccountKey {
  readonly clientEmail: string;
  readonly privateKeyPem: string;
  readonly privateKeyId: string | undefined;
  /** The OAuth 2.0 token endpoint, also the assertion's audience. */
  readonly tokenUri: string;
}

/**
 * Reads a service-account key file's JSON (as stored in Secrets Manager). A malformed key is refused with
 * the names of the wrong fields only: the value could be the private key.
 *
 * @example const key = parseServiceAccountKey(secret.SecretString ?? '');
 */
export const parseServiceAccountKey = (json: string): ServiceAccountKey => {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new InvalidServiceAccountKeyError('The service-account key is not JSON');
  }
  const parsed = ServiceAccountKeySchema.safeParse(raw);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))];
    throw new InvalidServiceAccountKeyError(
      `The service-account key has unusable field(s): ${fields.join(', ')}`,
    );
  }
  return {
    clientEmail: parsed.data.client_email,
    privateKeyPem: parsed.data.private_key,
    privateKeyId: parsed.data.private_key_id,
    tokenUri: parsed.data.token_uri,
  };
};

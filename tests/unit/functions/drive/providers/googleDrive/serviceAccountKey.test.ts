import { describe, expect, it } from 'vitest';
import { InvalidServiceAccountKeyError } from '../../../../../../functions/drive/providers/googleDrive/driveErrors.ts';
import { parseServiceAccountKey } from '../../../../../../functions/drive/providers/googleDrive/serviceAccountKey.ts';
import { toProblem } from '../../../../../../shared/runtime/errors/toProblem.ts';

const SECRET_PEM = '-----BEGIN PRIVATE KEY-----\nTOP-SECRET-MATERIAL\n-----END PRIVATE KEY-----\n';
const key = {
  type: 'service_account',
  client_email: 'drive@soleil.iam.gserviceaccount.com',
  private_key: SECRET_PEM,
  private_key_id: 'abc123',
  token_uri: 'https://oauth2.googleapis.com/token',
};

describe('parseServiceAccountKey', () => {
  it('reads the fields the drive needs', () => {
    expect(parseServiceAccountKey(JSON.stringify(key))).toEqual({
      clientEmail: key.client_email,
      privateKeyPem: SECRET_PEM,
      privateKeyId: 'abc123',
      tokenUri: key.token_uri,
    });
  });

  it.each([
    ['not JSON', '{"private_key": "-----BEGIN PRIVATE KEY----- TOP-SECRET-MATERIAL', /not JSON/],
    ['no email', JSON.stringify({ ...key, client_email: undefined }), /client_email/],
    ['a bad token_uri', JSON.stringify({ ...key, token_uri: 'TOP-SECRET-MATERIAL' }), /token_uri/],
    ['not a private key', JSON.stringify({ ...key, private_key: 'TOP-SECRET-MATERIAL' }), /private_key/],
  ])('refuses %s, naming fields but never values', (_label, json, message) => {
    const failure = (() => {
      try {
        parseServiceAccountKey(json);
      } catch (error) {
        return error;
      }
      throw new Error('accepted');
    })();
    expect(failure).toBeInstanceOf(InvalidServiceAccountKeyError);
    expect((failure as Error).message).toMatch(message);
    expect(JSON.stringify(failure)).not.toContain('TOP-SECRET');
    expect((failure as Error).message).not.toContain('TOP-SECRET');
    expect(toProblem(failure)).toMatchObject({ status: 500 });
    expect(toProblem(failure).detail).not.toMatch(/private_key|TOP-SECRET/);
  });
});

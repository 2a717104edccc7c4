import { randomUUID } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { LOCAL_ACCOUNT_ID } from '../shared/localNames.ts';
import { sendAwsError, sendJson } from './httpExchange.ts';
import { readInput, SerializationError } from './jsonProtocolShapes.ts';

const CONTENT_TYPE = 'application/x-amz-json-1.1';
/** Secrets Manager's limit on a secret's value. */
const MAX_SECRET_BYTES = 65_536;
/** The body of a PutSecretValue with the largest value, JSON-escaped (every byte `\uXXXX` at worst). */
export const SECRETS_MANAGER_MAX_BODY_BYTES = 6 * MAX_SECRET_BYTES + 4096;

export interface SecretsManagerApiOptions {
  /** A private folder (0700): each secret's value is a file there, 0600, as the signing keys are. */
  readonly folder: string;
  /** The model's secrets, by local name (`soleil-<id>`): created empty, as the CDK stack creates them. */
  readonly secrets: readonly string[];
  readonly region: string;
}

const INPUTS = {
  GetSecretValue: { SecretId: 'string', VersionId: 'string', VersionStage: 'string' },
  PutSecretValue: {
    SecretId: 'string',
    SecretString: 'string',
    ClientRequestToken: 'string',
    VersionStages: { list: 'string' },
  },
  DescribeSecret: { SecretId: 'string' },
} as const;

/**
 * The subset of Secrets Manager's JSON 1.1 API (`X-Amz-Target: secretsmanager.<Operation>`) the platform's
 * secrets need: `PutSecretValue` (what an operator runs once, with the AWS CLI, to put a key in), and
 * `GetSecretValue` / `DescribeSecret` (what functions run). Only the model's secrets exist, created empty: a
 * value is read only once one was put, as in AWS (`ResourceNotFoundException` before). Values are kept in
 * files readable by the owner only and never logged.
 */
export class SecretsManagerApi {
  constructor(private readonly options: SecretsManagerApiOptions) {}

  async handle(operation: string, body: Buffer, res: ServerResponse): Promise<void> {
    const members = INPUTS[operation as keyof typeof INPUTS];
    if (!members) {
      this.error(res, 400, 'UnknownOperationException', `Operation ${operation} is not supported locally.`);
      return;
    }
    let input: Record<string, unknown>;
    try {
      input = readInput(body, members);
    } catch (error) {
      if (!(error instanceof SerializationError)) throw error;
      this.error(res, 400, 'SerializationException', error.message);
      return;
    }
    const name = this.nameOf(input.SecretId);
    if (name === undefined) {
      this.error(res, 400, 'ResourceNotFoundException', 'Secrets Manager can’t find the specified secret.');
      return;
    }
    const described = { ARN: this.arnOf(name), Name: name };
    if (operation === 'DescribeSecret') {
      this.ok(res, described);
      return;
    }
    if (operation === 'PutSecretValue') {
      const value = input.SecretString;
      if (typeof value !== 'string' || value.length === 0 || Buffer.byteLength(value) > MAX_SECRET_BYTES) {
        this.error(
          res,
          400,
          'InvalidParameterException',
          `SecretString must hold 1 to ${MAX_SECRET_BYTES} bytes (SecretBinary is not supported locally).`,
        );
        return;
      }
      const file = this.fileOf(name);
      const versionId = randomUUID();
      await writeFile(file, JSON.stringify({ value, versionId, createdDate: Date.now() / 1000 }), {
        mode: 0o600,
      });
      await chmod(file, 0o600);
      this.ok(res, { ...described, VersionId: versionId, VersionStages: ['AWSCURRENT'] });
      return;
    }
    const stored = await this.read(name);
    if (stored === null) {
      this.error(
        res,
        400,
        'ResourceNotFoundException',
        'Secrets Manager can’t find the specified secret value for staging label: AWSCURRENT',
      );
      return;
    }
    this.ok(res, {
      ...described,
      VersionId: stored.versionId,
      SecretString: stored.value,
      VersionStages: ['AWSCURRENT'],
      CreatedDate: stored.createdDate,
    });
  }

  /** The secret's local name, from its name or its ARN; `undefined` for a secret the model has not. */
  private nameOf(secretId: unknown): string | undefined {
    if (typeof secretId !== 'string') return undefined;
    return this.options.secrets.find((name) => secretId === name || secretId === this.arnOf(name));
  }

  private arnOf(name: string): string {
    return `arn:aws:secretsmanager:${this.options.region}:${LOCAL_ACCOUNT_ID}:secret:${name}`;
  }

  private fileOf(name: string): string {
    return path.join(this.options.folder, name);
  }

  private async read(
    name: string,
  ): Promise<{ value: string; versionId: string; createdDate: number } | null> {
    try {
      return JSON.parse(await readFile(this.fileOf(name), 'utf8')) as {
        value: string;
        versionId: string;
        createdDate: number;
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  private ok(res: ServerResponse, body: unknown): void {
    sendJson(res, 200, body, {}, CONTENT_TYPE);
  }

  private error(res: ServerResponse, status: number, code: string, message: string): void {
    sendAwsError(res, status, code, message, CONTENT_TYPE);
  }
}

import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** An object as the fake keeps it. */
export interface StoredObject {
  readonly body: Buffer;
  readonly contentType: string | undefined;
}

/**
 * The two S3 calls the drive's file cache makes (HeadObject, PutObject) over a map, with S3's 404 for a
 * missing object, every call recorded, and `failPuts` to make S3 refuse uploads.
 */
export class InMemoryS3 {
  readonly objects = new Map<string, StoredObject>();
  readonly calls: string[] = [];
  failPuts = false;

  /** This fake where the SDK client is expected (the cache calls only `send`). */
  get client(): S3Client {
    return { send: (command: unknown) => this.send(command) } as unknown as S3Client;
  }

  private async send(command: unknown): Promise<unknown> {
    if (command instanceof HeadObjectCommand) {
      const key = `${command.input.Bucket}/${command.input.Key}`;
      this.calls.push(`head ${key}`);
      const object = this.objects.get(key);
      if (object === undefined) {
        throw Object.assign(new Error('NotFound'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } });
      }
      return { ContentLength: object.body.length };
    }
    if (command instanceof PutObjectCommand) {
      const key = `${command.input.Bucket}/${command.input.Key}`;
      this.calls.push(`put ${key}`);
      if (this.failPuts) {
        throw Object.assign(new Error('SlowDown'), { name: 'SlowDown', $metadata: { httpStatusCode: 503 } });
      }
      this.objects.set(key, {
        body: Buffer.from(command.input.Body as Buffer),
        contentType: command.input.ContentType,
      });
      return {};
    }
    throw new Error(`InMemoryS3 does not answer ${(command as object).constructor.name}`);
  }
}

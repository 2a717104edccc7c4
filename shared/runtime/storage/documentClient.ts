import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The document client every store uses: plain JS values in and out, undefined attributes dropped (an
 * optional field left unset must not fail a write).
 *
 * @example
 * ```ts
 * this.doc = documentClient(client);
 * ```
 */
export const documentClient = (client: DynamoDBClient): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

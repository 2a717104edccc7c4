import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../../../shared/contracts/bandVocabulary.ts';
import { documentClient } from '../../../shared/runtime/index.ts';
import type { InvitationRecord } from '../domain/authRecords.ts';
import type { InvitationStore } from './InvitationStore.ts';

// One email is rarely invited to many bands; the cap keeps a sign-in's work bounded all the same.
const MAX_INVITATIONS_PER_EMAIL = 100;

const toInvitation = (item: Record<string, unknown>): InvitationRecord => ({
  email: item.email as string,
  bandId: item.bandId as string,
  role: item.role as Role,
  invitedBy: item.invitedBy as string,
  createdAt: item.createdAt as string,
  expiresAt: item.expiresAt as number,
});

/** Invitations on DynamoDB (table `invitations`, `email`+`bandId`, TTL on `expiresAt`). */
export class DynamoDbInvitationStore implements InvitationStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = documentClient(client);
  }

  async putInvitation(invitation: InvitationRecord): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: invitation }));
  }

  async listForEmail(email: string): Promise<InvitationRecord[]> {
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'email = :email',
        ExpressionAttributeValues: { ':email': email },
        ConsistentRead: true,
        Limit: MAX_INVITATIONS_PER_EMAIL,
      }),
    );
    return (result.Items ?? []).map(toInvitation);
  }

  async deleteInvitation(email: string, bandId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { email, bandId } }));
  }
}

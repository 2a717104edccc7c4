import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

/** One item of a document-client `TransactWriteCommand` (a Put, Update, Delete or ConditionCheck). */
export type TransactWriteItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelBand, LogEntry } from '../../../../../functions/sync/domain/liveRecords.ts';
import manifest from '../../../../../functions/sync/module.ts';
import { DynamoDbBandLogStore } from '../../../../../functions/sync/store/DynamoDbBandLogStore.ts';
import { DynamoDbLiveStateStore } from '../../../../../functions/sync/store/DynamoDbLiveStateStore.ts';
import { SYNC_TABLES } from '../../../../../functions/sync/store/syncTableNames.ts';
import {
  type DynamoDbLocal,
  startDynamoDbLocal,
} from '../../../../../infra/local/dynamodb/startDynamoDbLocal.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../../../../infra/local/shared/localNames.ts';
import { eventContracts } from '../../../../../shared/contracts/eventCatalog.ts';
import { buildPlatformModel } from '../../../../../shared/platformModel/buildPlatformModel.ts';

const EXPIRES = 2_000_000_000;

/** The log entry of a gig message with sequence number `seq` (the message's content does not matter here). */
const entryAt =
  (bandId: string, gigId: string) =>
  (seq: number): LogEntry => ({
    bandId,
    seq,
    audience: { kind: 'all' },
    message: { type: 'gig_updated', bandId, seq, gigId, change: 'created' },
    expiresAt: EXPIRES,
  });

describe('sync stores on DynamoDB Local: the writes that must be atomic or ordered', () => {
  let dynamo: DynamoDbLocal;
  let client: DynamoDBClient;
  const tables: Record<string, string> = {};
  beforeAll(async () => {
    dynamo = await startDynamoDbLocal();
    client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: LOCAL_AWS_REGION,
      credentials: LOCAL_AWS_CREDENTIALS,
    });
    // The tables as the platform makes them (keys from the model; the indexes are not needed here).
    for (const table of buildPlatformModel([manifest], { eventContracts }).tables) {
      const keys = [table.partitionKey, ...(table.sortKey ? [table.sortKey] : [])];
      const name = `sync-${table.name}`;
      await client.send(
        new CreateTableCommand({
          TableName: name,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: keys.map((k) => ({ AttributeName: k.name, AttributeType: k.type })),
          KeySchema: keys.map((k, i) => ({ AttributeName: k.name, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
        }),
      );
      tables[table.name] = name;
    }
  }, 120_000);
  afterAll(async () => {
    client?.destroy();
    await dynamo?.stop();
  });

  const logStore = () => new DynamoDbBandLogStore(client, tables[SYNC_TABLES.bandLog] ?? '');
  /** Every item of a band's partition: the counter (seq 0) and its entries. */
  const partition = async (bandId: string) =>
    (
      await DynamoDBDocumentClient.from(client).send(
        new QueryCommand({
          TableName: tables[SYNC_TABLES.bandLog],
          KeyConditionExpression: 'bandId = :b',
          ExpressionAttributeValues: { ':b': bandId },
          ConsistentRead: true,
        }),
      )
    ).Items ?? [];

  describe('band log', () => {
    it('gives an event relayed twice one sequence number and one log entry', async () => {
      const log = logStore();
      const first = await log.appendOnce('band-retry', 'event-1', entryAt('band-retry', 'gig-1'));
      // The relay failed after logging (a timeout in the fan-out) and its event came back: same number.
      const again = await log.appendOnce('band-retry', 'event-1', entryAt('band-retry', 'gig-1'));
      // Another container (no memory of the first) handles the same delivery once more.
      const elsewhere = await logStore().appendOnce('band-retry', 'event-1', entryAt('band-retry', 'gig-1'));
      const next = await log.appendOnce('band-retry', 'event-2', entryAt('band-retry', 'gig-2'));

      expect(first).toEqual({ seq: 1, fresh: true });
      expect(again).toEqual({ seq: 1, fresh: false });
      expect(elsewhere).toEqual({ seq: 1, fresh: false });
      expect(next).toEqual({ seq: 2, fresh: true });
      expect(await log.lastSeq('band-retry')).toBe(2);
      const entries = await log.entriesAfter('band-retry', 0, 10);
      expect(entries.map((e) => [e.seq, e.message.type === 'gig_updated' && e.message.gigId])).toEqual([
        [1, 'gig-1'],
        [2, 'gig-2'],
      ]);
      expect(await partition('band-retry')).toHaveLength(3); // counter + two entries, nothing else
    });

    it('never moves the counter without its entry: concurrent relays on two containers leave no gap', async () => {
      const containers = [logStore(), logStore()];
      const outcomes = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          containers[i % 2]?.appendOnce('band-busy', `busy-${i}`, entryAt('band-busy', `gig-${i}`)),
        ),
      );
      const seqs = outcomes.map((o) => o?.seq ?? 0).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
      const entries = await containers[0]?.entriesAfter('band-busy', 0, 100);
      expect(entries?.map((e) => e.seq)).toEqual(seqs);
      // Every entry is the message of the event that took its number.
      for (const [i, outcome] of outcomes.entries()) {
        const entry = entries?.find((e) => e.seq === outcome?.seq);
        expect(entry?.message.type === 'gig_updated' && entry.message.gigId).toBe(`gig-${i}`);
        expect(entry?.message.seq).toBe(outcome?.seq);
      }
      expect(await containers[1]?.lastSeq('band-busy')).toBe(24);
    });

    it('leaves the counter where it was when the entry cannot be written (no number without its entry)', async () => {
      const log = logStore();
      await log.appendOnce('band-big', 'big-1', entryAt('band-big', 'g1'));
      // An entry above DynamoDB's 400 KB item limit: the whole transaction is refused, the counter included.
      const tooBig = (seq: number): LogEntry => ({ ...entryAt('band-big', 'x'.repeat(420_000))(seq) });
      await expect(log.appendOnce('band-big', 'big-2', tooBig)).rejects.toThrow();
      expect(await log.lastSeq('band-big')).toBe(1);
      // The event comes back (the relay failed): it was never claimed, so it takes the next number now.
      expect(await log.appendOnce('band-big', 'big-2', entryAt('band-big', 'g2'))).toEqual({
        seq: 2,
        fresh: true,
      });
      expect((await log.entriesAfter('band-big', 0, 10)).map((e) => e.seq)).toEqual([1, 2]);
    });

    it('takes the number after one another container wrote (a stale guess is refused, not reused)', async () => {
      const a = logStore();
      const b = logStore();
      expect((await a.appendOnce('band-two', 'two-1', entryAt('band-two', 'g1'))).seq).toBe(1);
      expect((await b.appendOnce('band-two', 'two-2', entryAt('band-two', 'g2'))).seq).toBe(2);
      expect((await a.appendOnce('band-two', 'two-3', entryAt('band-two', 'g3'))).seq).toBe(3);
      expect((await a.entriesAfter('band-two', 0, 10)).map((e) => e.seq)).toEqual([1, 2, 3]);
    });

    it('takes the next number at once when another container moved the counter: no read, no pause', async () => {
      const other = logStore();
      const counted = new DynamoDBClient({
        endpoint: dynamo.endpoint,
        region: LOCAL_AWS_REGION,
        credentials: LOCAL_AWS_CREDENTIALS,
      });
      const calls: string[] = [];
      counted.middlewareStack.add(
        (next, context) => (args) => {
          calls.push(String(context.commandName));
          return next(args);
        },
        { step: 'initialize' },
      );
      const stale = new DynamoDbBandLogStore(counted, tables[SYNC_TABLES.bandLog] ?? '');
      try {
        expect((await stale.appendOnce('band-moved', 'moved-1', entryAt('band-moved', 'g1'))).seq).toBe(1);
        await other.appendOnce('band-moved', 'moved-2', entryAt('band-moved', 'g2'));
        await other.appendOnce('band-moved', 'moved-3', entryAt('band-moved', 'g3'));
        calls.length = 0;
        // The stale guess (2) is refused and the refusal carries the counter (3): 4 is written next.
        expect(await stale.appendOnce('band-moved', 'moved-4', entryAt('band-moved', 'g4'))).toEqual({
          seq: 4,
          fresh: true,
        });
        expect(calls).toEqual(['TransactWriteItemsCommand', 'TransactWriteItemsCommand']);
        expect((await stale.entriesAfter('band-moved', 0, 10)).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      } finally {
        counted.destroy();
      }
    });

    it('continues a counter written by the earlier store (ADD lastSeq, no entry at 0)', async () => {
      await DynamoDBDocumentClient.from(client).send(
        new UpdateCommand({
          TableName: tables[SYNC_TABLES.bandLog],
          Key: { bandId: 'band-old', seq: 0 },
          UpdateExpression: 'ADD lastSeq :n',
          ExpressionAttributeValues: { ':n': 7 },
        }),
      );
      expect(await logStore().appendOnce('band-old', 'old-1', entryAt('band-old', 'g'))).toEqual({
        seq: 8,
        fresh: true,
      });
    });
  });

  describe('prepared channel', () => {
    const store = () => new DynamoDbLiveStateStore(client, tables[SYNC_TABLES.liveState] ?? '');
    const statement = (role: ChannelBand['role'], asOf: number): ChannelBand => ({
      userId: 'ana',
      bandId: `band-${asOf}-${role}`,
      role,
      asOf,
      expiresAt: EXPIRES,
    });

    it('keeps a revocation against an older sign-in, and lets a newer one replace it', async () => {
      const state = store();
      const revocation = { ...statement(null, 2_000), bandId: 'band-x' };
      expect(await state.stateChannelBand(revocation, 'membership_change')).toBe(true);
      expect(await state.stateChannelBand({ ...revocation, role: 'member', asOf: 1_000 }, 'login')).toBe(
        false,
      );
      expect(await state.channelBand('ana', 'band-x')).toEqual(revocation);
      const later = { ...revocation, role: 'member' as const, asOf: 3_000 };
      expect(await state.stateChannelBand(later, 'login')).toBe(true);
      expect(await state.channelBand('ana', 'band-x')).toEqual(later);
    });

    it('at the same instant, a membership change replaces a sign-in and a sign-in does not replace a change', async () => {
      const state = store();
      const signIn = { ...statement('member', 5_000), bandId: 'band-tie' };
      expect(await state.stateChannelBand(signIn, 'login')).toBe(true);
      expect(await state.stateChannelBand(signIn, 'login')).toBe(false); // the same event again: no-op
      const change = { ...signIn, role: null };
      expect(await state.stateChannelBand(change, 'membership_change')).toBe(true);
      expect(await state.stateChannelBand(signIn, 'login')).toBe(false);
      expect((await state.channelBand('ana', 'band-tie'))?.role).toBeNull();
      expect(await state.channelBand('ana', 'band-none')).toBeUndefined();
    });
  });
});

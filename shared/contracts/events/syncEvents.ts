import * as z from 'zod';
import { defineEvent } from '../defineEvent.ts';
import { BandId, EntityId, UserId } from '../identifiers.ts';

const SyncReason = z.enum(['user_connected', 'content_changed', 'resume']);

export const syncStarted = defineEvent({
  name: 'sync.started',
  owner: 'sync',
  version: 1,
  bandScoped: true,
  description: 'The sync module started bringing a band’s live clients up to date.',
  data: z
    .object({ bandId: BandId, syncId: EntityId, reason: SyncReason, userId: UserId.nullable() })
    .strict(),
});

export const syncProgress = defineEvent({
  name: 'sync.progress',
  owner: 'sync',
  version: 1,
  bandScoped: true,
  description: 'Progress of a running sync (deliveries made out of those planned).',
  data: z
    .object({
      bandId: BandId,
      syncId: EntityId,
      delivered: z.number().int().nonnegative(),
      total: z.number().int().nonnegative(),
    })
    .strict(),
});

export const syncCompleted = defineEvent({
  name: 'sync.completed',
  owner: 'sync',
  version: 1,
  bandScoped: true,
  description: 'A sync finished: how many connections got the update and how many were gone.',
  data: z
    .object({
      bandId: BandId,
      syncId: EntityId,
      delivered: z.number().int().nonnegative(),
      pruned: z.number().int().nonnegative(),
      durationMs: z.number().nonnegative(),
    })
    .strict(),
});

export const syncFailed = defineEvent({
  name: 'sync.failed',
  owner: 'sync',
  version: 1,
  bandScoped: true,
  description: 'A sync could not complete.',
  data: z
    .object({ bandId: BandId, syncId: EntityId, reason: z.string().min(1).max(1000), retryable: z.boolean() })
    .strict(),
});

export const syncFileUpdated = defineEvent({
  name: 'sync.file_updated',
  owner: 'sync',
  version: 1,
  bandScoped: true,
  description:
    'A file update was pushed to a band’s live channel under a sequence number clients resume from.',
  data: z
    .object({
      bandId: BandId,
      fileId: EntityId,
      sequence: z.number().int().positive(),
      recipients: z.number().int().nonnegative(),
      /** Split of the recipients (added later, so optional): pushed, gone (410, pruned), failed after retries. */
      delivered: z.number().int().nonnegative().optional(),
      gone: z.number().int().nonnegative().optional(),
      failed: z.number().int().nonnegative().optional(),
      action: z.enum(['added', 'changed', 'deleted']).optional(),
    })
    .strict(),
});

export const syncEvents = [syncStarted, syncProgress, syncCompleted, syncFailed, syncFileUpdated] as const;

/** Metrics the sync module emits (declared in module.ts, where its alarm watches the failures). */
export const SYNC_METRICS = {
  pushesDelivered: 'LivePushesDelivered',
  pushesGone: 'LivePushesGone',
  pushesFailed: 'LivePushesFailed',
} as const;

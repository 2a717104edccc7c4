/** An event as EventBridge delivers it to a rule's target (the envelope around the producer's detail). */
export interface BusEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  /** ISO-8601, second precision, like EventBridge's. */
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
  /** Set on events re-sent by a replay, as EventBridge does. */
  readonly 'replay-name'?: string;
}

/**
 * One step of a flow as a sequence diagram shows it — the same shape for a flow documented from the model
 * and for one read back from core's trace, so the two can be drawn alike and compared.
 */
export type FlowStep =
  /** `from` published `event` (`to` absent: nobody reacted, or nobody subscribes). */
  | {
      readonly kind: 'event';
      readonly from: string;
      readonly to: string | null;
      readonly event: string;
      /** Shown after the arrow: a timing, an outcome. */
      readonly detail?: string;
    }
  /** `from` called `to`'s `operation` (`service.operation`). */
  | {
      readonly kind: 'call';
      readonly from: string;
      readonly to: string;
      readonly operation: string;
      readonly detail?: string;
    }
  /** Steps that happen only when `condition` holds. */
  | { readonly kind: 'optional'; readonly condition: string; readonly steps: readonly FlowStep[] };

/** A flow: who starts it, how, and its steps in order. */
export interface FlowDiagram {
  readonly title: string;
  /** The participant that starts the flow and what it does (e.g. `auth`, `POST /api/auth/dev-login`). */
  readonly starter: { readonly participant: string; readonly action: string };
  readonly steps: readonly FlowStep[];
}

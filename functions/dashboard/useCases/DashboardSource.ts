import type { PreparedWidget, PreparedWidgets } from '../domain/preparedDashboard.ts';

/** Where the widgets' contents come from (content's services): one member's view of one band. */
export interface DashboardSource {
  /** The name a stale dashboard gives as its reason's dependency. */
  readonly dependency: string;
  read(bandId: string, userId: string): Promise<PreparedWidgets>;
  /** Only some widgets (one service call each): what a change can alter, not the whole dashboard. */
  readSome(
    bandId: string,
    userId: string,
    widgets: readonly PreparedWidget[],
  ): Promise<Partial<PreparedWidgets>>;
}

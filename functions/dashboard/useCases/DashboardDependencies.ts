import type { Outbox } from '../../../shared/runtime/outbox/Outbox.ts';
import type { DashboardStore } from '../store/DashboardStore.ts';
import type { PreferencesStore } from '../store/PreferencesStore.ts';
import type { DashboardSource } from './DashboardSource.ts';

/** What the dashboard's use cases need; the wiring builds the real ones, tests pass fakes. */
export interface DashboardDependencies {
  readonly dashboards: DashboardStore;
  readonly preferences: PreferencesStore;
  readonly source: DashboardSource;
  /** Commits a state change and the events announcing it together. */
  readonly outbox: Pick<Outbox, 'commit'>;
  readonly now: () => Date;
}

import type { z } from 'zod';
import type { EventContract } from './defineEvent.ts';
import { authEvents } from './events/authEvents.ts';
import { contentEvents } from './events/contentEvents.ts';
import { dashboardEvents } from './events/dashboardEvents.ts';
import { driveEvents } from './events/driveEvents.ts';
import { syncEvents } from './events/syncEvents.ts';
import { systemEvents } from './events/systemEvents.ts';

/** Every event contract of the platform: the single source of truth for types, validation, registry, docs. */
export const eventContracts = [
  ...authEvents,
  ...driveEvents,
  ...contentEvents,
  ...syncEvents,
  ...dashboardEvents,
  ...systemEvents,
] as const;

type AnyContract = (typeof eventContracts)[number];

/** The name of any platform event (its EventBridge detail-type). */
export type EventName = AnyContract['name'];

/** The `data` payload type of event `N`. */
export type EventData<N extends EventName> = z.infer<Extract<AnyContract, { name: N }>['data']>;

const byName: ReadonlyMap<string, EventContract> = new Map(eventContracts.map((c) => [c.name, c]));

/** The contract of an event name, or undefined for a name the platform does not know. */
export const findEventContract = (name: string): EventContract | undefined => byName.get(name);

/** What every platform event's `source` starts with: an observer of all of them matches this prefix. */
export const PLATFORM_EVENT_SOURCE_PREFIX = 'soleil.';

/** EventBridge `source` for events of a module. */
export const eventSource = (module: string): string => `${PLATFORM_EVENT_SOURCE_PREFIX}${module}`;

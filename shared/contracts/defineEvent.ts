import type { z } from 'zod';

/**
 * A version of an event that stays published after an incompatible change: receivers still accept its data
 * (events already queued, dead-lettered or archived for replay) and upgrade it to the current shape, so a
 * subscriber handles one shape. The contracts gate refuses to drop it before `acceptedUntil`.
 */
export interface PreviousEventVersion {
  readonly version: number;
  readonly data: z.ZodType;
  /** Last day (`YYYY-MM-DD`, UTC) of the declared transition; the version may be dropped after it. */
  readonly acceptedUntil: string;
  /** Turns data valid for this version into data of the current version (checked against it on receipt). */
  readonly upgrade: (data: never) => unknown;
}

/**
 * One event type of the platform: its name (`<owner>.<what>` — the EventBridge detail-type), its single
 * owner module, the contract version and the zod schema of its `data`.
 */
export interface EventContract<Name extends string = string, Schema extends z.ZodType = z.ZodType> {
  readonly name: Name;
  readonly owner: string;
  readonly version: number;
  readonly description: string;
  /** Whether `metadata.bandId` must be set: band-scoped events are routed and isolated per tenant. */
  readonly bandScoped: boolean;
  readonly data: Schema;
  /**
   * Older versions still accepted on receipt during a declared transition, after an incompatible change
   * bumped `version` (see shared/contracts/README.md). Publishers always publish the current version.
   */
  readonly previousVersions?: readonly PreviousEventVersion[];
}

/** Thrown when an event contract contradicts itself; the message names the event and the fix. */
export class InvalidEventContractError extends Error {
  override readonly name = 'InvalidEventContractError';
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const problemsOf = (contract: EventContract): string[] => {
  const problems: string[] = [];
  if (!Number.isInteger(contract.version) || contract.version < 1) {
    problems.push(`version must be a positive integer, not ${contract.version}`);
  }
  const seen = new Set<number>();
  for (const previous of contract.previousVersions ?? []) {
    if (!Number.isInteger(previous.version) || previous.version < 1 || previous.version >= contract.version) {
      problems.push(
        `previous version ${previous.version} must be a positive integer below the current ${contract.version}`,
      );
    }
    if (seen.has(previous.version)) problems.push(`previous version ${previous.version} is declared twice`);
    seen.add(previous.version);
    if (!ISO_DAY.test(previous.acceptedUntil) || Number.isNaN(Date.parse(previous.acceptedUntil))) {
      problems.push(
        `previous version ${previous.version} needs acceptedUntil as a day, e.g. 2027-03-31, not "${previous.acceptedUntil}"`,
      );
    }
  }
  return problems;
};

/** Declares an event contract; a contradiction (a previous version not below the current one...) throws here. */
export const defineEvent = <const Name extends string, Schema extends z.ZodType>(
  contract: EventContract<Name, Schema>,
): EventContract<Name, Schema> => {
  const problems = problemsOf(contract);
  if (problems.length > 0) {
    throw new InvalidEventContractError(
      `Event ${contract.name} has an invalid contract:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return contract;
};

/**
 * Declares a previous version of an event, typed against the current schema: `upgrade` receives this
 * version's data and must return the current version's. (Two calls, so the current schema is known before
 * `upgrade` is typed: a literal such as `'chart'` then checks against the current enum.)
 *
 * @example
 * ```ts
 * previousVersions: [
 *   previousVersionOf(FileChangedV2)({
 *     version: 1,
 *     data: FileChangedV1,
 *     acceptedUntil: '2027-03-31',
 *     upgrade: (v1) => ({ ...v1, changes: ['content'] }),
 *   }),
 * ],
 * ```
 */
export const previousVersionOf =
  <Current extends z.ZodType>(_current: Current) =>
  <Previous extends z.ZodType>(previous: {
    readonly version: number;
    readonly data: Previous;
    readonly acceptedUntil: string;
    readonly upgrade: (data: z.output<Previous>) => z.input<Current>;
  }): PreviousEventVersion =>
    previous;

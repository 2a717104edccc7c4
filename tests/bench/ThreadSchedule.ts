import { readdirSync, readFileSync } from 'node:fs';

/**
 * A thread's time on a core and its time ready to run but waiting for one, as Linux's scheduler counts them
 * (`/proc/<pid>/task/<tid>/schedstat`: run ns, run-queue wait ns, time slices). On two cores shared by the
 * load generator, the platform and the containers, an event is late either because a thread on its way was
 * busy (run) or because that thread was ready and no core was free (wait): this tells the two apart.
 */
export interface ThreadSchedule {
  readonly runMs: number;
  readonly waitMs: number;
  readonly slices: number;
}

const NONE: ThreadSchedule = { runMs: 0, waitMs: 0, slices: 0 };

/** One schedstat line (`<run ns> <wait ns> <slices>`); undefined for anything else. */
export const parseSchedstat = (text: string): ThreadSchedule | undefined => {
  const fields = text.trim().split(/\s+/).map(Number);
  if (fields.length !== 3 || fields.some((n) => !Number.isFinite(n) || n < 0)) return undefined;
  const [run = 0, wait = 0, slices = 0] = fields;
  return { runMs: run / 1e6, waitMs: wait / 1e6, slices };
};

const read = (file: string): ThreadSchedule | undefined => {
  try {
    return parseSchedstat(readFileSync(file, 'utf8'));
  } catch {
    // Not Linux, or the thread ended between listing and reading.
    return undefined;
  }
};

/** The calling thread's schedule so far (a synchronous read runs on the calling thread); undefined off Linux. */
export const thisThreadSchedule = (): ThreadSchedule | undefined => read('/proc/thread-self/schedstat');

/** The sum over the process's live threads (one that ends between two readings takes its time with it); undefined off Linux. */
export const processSchedule = (): ThreadSchedule | undefined => {
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return undefined;
  }
  return tasks.reduce<ThreadSchedule>(
    (sum, task) => addSchedules(sum, read(`/proc/self/task/${task}/schedstat`) ?? NONE),
    NONE,
  );
};

export const addSchedules = (a: ThreadSchedule, b: ThreadSchedule): ThreadSchedule => ({
  runMs: a.runMs + b.runMs,
  waitMs: a.waitMs + b.waitMs,
  slices: a.slices + b.slices,
});

/** What a thread (or the sum of threads) spent between two readings. */
export const scheduleBetween = (earlier: ThreadSchedule, later: ThreadSchedule): ThreadSchedule => ({
  runMs: later.runMs - earlier.runMs,
  waitMs: later.waitMs - earlier.waitMs,
  slices: later.slices - earlier.slices,
});

/** Who ran and who waited for a core during one row of a bench, per thread or group of threads. */
export interface RowSchedule {
  readonly seconds: number;
  readonly threads: readonly { readonly name: string; readonly schedule: ThreadSchedule }[];
}

/**
 * A row's schedule from readings of the platform's thread, the publisher's and the whole process: the rest
 * (the containers, the journal's thread pool, V8's collector helpers) is the process less those two.
 */
export const rowSchedule = (readings: {
  readonly seconds: number;
  readonly platform: ThreadSchedule;
  readonly publisher: ThreadSchedule;
  readonly all: ThreadSchedule;
}): RowSchedule => ({
  seconds: readings.seconds,
  threads: [
    { name: "the platform's thread", schedule: readings.platform },
    { name: 'the publisher', schedule: readings.publisher },
    {
      name: 'the other threads',
      schedule: scheduleBetween(addSchedules(readings.platform, readings.publisher), readings.all),
    },
  ],
});

/** A row's thread groups as table cells: ms on a core / ms waiting for one, each per second of the row. */
export const scheduleCells = (schedule: RowSchedule): string[] =>
  schedule.threads.map(({ schedule: s }) => {
    const perSecond = (ms: number) => Math.round(ms / schedule.seconds);
    return `${perSecond(s.runMs)} / ${perSecond(s.waitMs)}`;
  });

/**
 * Prints, for each row, how long each thread group ran and how long it was ready but waited for a core, in
 * ms per second: on two cores, what the load generator and the platform leave each other.
 */
export const printScheduleTable = (
  title: string,
  rows: readonly { readonly scenario: string; readonly schedule?: RowSchedule | undefined }[],
): void => {
  const measured = rows.filter((r) => r.schedule !== undefined);
  const first = measured[0]?.schedule;
  if (!first) return;
  console.log(`\n${title}`);
  console.log(`| scenario | ${first.threads.map((t) => `${t.name}: on a core / waiting`).join(' | ')} |`);
  console.log(`|---|${first.threads.map(() => '---:').join('|')}|`);
  for (const r of measured)
    console.log(`| ${r.scenario} | ${scheduleCells(r.schedule as RowSchedule).join(' | ')} |`);
};

import { describe, expect, it } from 'vitest';
import { toBusEvent, wireEntrySize } from '../../../../../infra/local/aws/putEventsEntries.ts';
import { entrySize, PUT_EVENTS_MAX_BYTES } from '../../../../../shared/runtime/events/batchEntries.ts';

const where = { region: 'eu-west-1', account: '000000000000' };
const SOURCE = 'soleil.drive';
const DETAIL_TYPE = 'drive.file_added';

/** A wire entry (Time in epoch seconds) whose size, as the publisher counts it, is exactly `bytes`. */
const entryOf = (bytes: number, time?: number) => {
  const overhead = entrySize({
    Source: SOURCE,
    DetailType: DETAIL_TYPE,
    Detail: '{"x":""}',
    ...(time === undefined ? {} : { Time: new Date(time * 1000) }),
  });
  return {
    Source: SOURCE,
    DetailType: DETAIL_TYPE,
    Detail: `{"x":"${'a'.repeat(bytes - overhead)}"}`,
    ...(time === undefined ? {} : { Time: time }),
  };
};

describe('wireEntrySize', () => {
  it('counts a wire entry as the publisher counts it, with or without Time (epoch seconds, 0 included)', () => {
    for (const time of [undefined, 0, 1_767_225_600]) {
      expect(wireEntrySize(entryOf(PUT_EVENTS_MAX_BYTES, time)), `Time ${time}`).toBe(PUT_EVENTS_MAX_BYTES);
    }
  });
});

describe('toBusEvent', () => {
  it('dates the event from Time, and fails alone an entry whose Time no date can hold', () => {
    expect(toBusEvent(entryOf(100, 1_767_225_600), where).event?.time).toBe('2026-01-01T00:00:00Z');
    for (const time of [1e20, -1e20]) {
      const over = toBusEvent(entryOf(100, time), where);
      expect(over.event, `Time ${time}`).toBeNull();
      expect(over.result).toMatchObject({ ErrorCode: 'InvalidArgument' });
    }
  });
});

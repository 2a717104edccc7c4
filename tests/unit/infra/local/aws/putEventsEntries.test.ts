import { describe, expect, it } from 'vitest';
import { toBusEvent } from '../../../../../infra/local/aws/putEventsEntries.ts';
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

describe('toBusEvent entry size', () => {
  it('accepts what the publisher would send and refuses one byte more, with or without Time', () => {
    for (const time of [undefined, 0, 1_767_225_600]) {
      expect(toBusEvent(entryOf(PUT_EVENTS_MAX_BYTES, time), where).event, `Time ${time}`).not.toBeNull();
      const over = toBusEvent(entryOf(PUT_EVENTS_MAX_BYTES + 1, time), where);
      expect(over.event, `Time ${time}`).toBeNull();
      expect(over.result).toMatchObject({
        ErrorCode: 'InvalidArgument',
        ErrorMessage: expect.stringContaining(`${PUT_EVENTS_MAX_BYTES + 1} bytes`),
      });
    }
  });
});

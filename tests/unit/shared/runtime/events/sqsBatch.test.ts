import { describe, expect, it } from 'vitest';
import { EventValidationError } from '../../../../../shared/runtime/errors/eventErrors.ts';
import { eventOfRecord, isSqsBatch } from '../../../../../shared/runtime/events/sqsBatch.ts';

const record = (body: string) => ({ messageId: 'm-1', body, eventSource: 'aws:sqs' });

describe('isSqsBatch', () => {
  it('recognises an SQS batch and nothing else', () => {
    expect(isSqsBatch({ Records: [record('{}')] })).toBe(true);
    expect(isSqsBatch({ Records: [] })).toBe(true);
    expect(isSqsBatch({ 'detail-type': 'drive.file_removed', detail: {} })).toBe(false);
    expect(isSqsBatch({ Records: [{ messageId: 'm', body: '{}', eventSource: 'aws:s3' }] })).toBe(false);
    expect(isSqsBatch(null)).toBe(false);
  });
});

describe('eventOfRecord', () => {
  it('returns the EventBridge event a record carries', () => {
    expect(eventOfRecord(record('{"detail-type":"x"}'))).toEqual({ 'detail-type': 'x' });
  });

  it.each(['not json', '[1]', '"text"', 'null'])('refuses the body %s as an invalid event', (body) => {
    expect(() => eventOfRecord(record(body))).toThrow(EventValidationError);
  });
});

import { describe, expect, it } from 'vitest';
import { decodeSongCursor, encodeSongCursor } from '../../../../../functions/content/domain/songCursor.ts';
import { cutSongPage, pageHorizon } from '../../../../../functions/content/domain/songPage.ts';
import { compareUtf8 } from '../../../../../functions/content/domain/utf8Order.ts';

describe('song pages across partitions', () => {
  it('knows songs complete only below the smallest key a partition with more has reached', () => {
    const horizon = pageHorizon(
      [
        { lastSongKey: 'misty', exhausted: false },
        { lastSongKey: 'bluemoon', exhausted: false },
        { lastSongKey: 'zz', exhausted: true },
      ],
      null,
    );
    expect(horizon).toBe('bluemoon');
    expect(cutSongPage(['allofme', 'bluemoon', 'misty'], horizon, 5)).toEqual({ complete: false });
    expect(cutSongPage(['allofme', 'autumn', 'bluemoon'], horizon, 1)).toEqual({
      complete: true,
      songKeys: ['allofme'],
      nextAfter: 'allofme',
    });
  });

  it('makes the last page of what there is once every partition is exhausted', () => {
    expect(pageHorizon([{ lastSongKey: 'a', exhausted: true }], null)).toBeNull();
    expect(cutSongPage(['b', 'a', 'b'], null, 5)).toEqual({
      complete: true,
      songKeys: ['a', 'b'],
      nextAfter: null,
    });
  });

  it('orders keys by UTF-8 bytes as DynamoDB does, not by UTF-16 units', () => {
    expect(compareUtf8('\u{1F600}', '\uFF5E')).toBeGreaterThan(0);
    expect('\u{1F600}' < '\uFF5E').toBe(true);
  });

  it('reads back its own cursors and refuses any other', () => {
    expect(decodeSongCursor(encodeSongCursor('allofme'))).toBe('allofme');
    expect(decodeSongCursor('not-a-cursor')).toBeNull();
    expect(decodeSongCursor(Buffer.from('{"v":2,"after":"x"}').toString('base64url'))).toBeNull();
  });
});

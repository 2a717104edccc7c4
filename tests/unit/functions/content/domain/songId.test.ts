import { describe, expect, it } from 'vitest';
import { songIdOf } from '../../../../../functions/content/domain/songId.ts';
import { EntityId } from '../../../../../shared/contracts/identifiers.ts';

describe('songIdOf', () => {
  it('uses a plain key as the id', () => {
    expect(songIdOf('allofme')).toBe('allofme');
    expect(songIdOf('take5')).toBe('take5');
  });

  it('keeps the readable letters of any other key and adds a hash of the whole key', () => {
    expect(songIdOf('café')).toMatch(/^caf-[0-9a-f]{16}$/);
    expect(songIdOf('上を向いて歩こう')).toMatch(/^song-[0-9a-f]{16}$/);
    expect(songIdOf('a'.repeat(101))).toMatch(/^a{40}-[0-9a-f]{16}$/);
  });

  it('is stable, and tells apart keys that share their readable letters', () => {
    expect(songIdOf('café')).toBe(songIdOf('café'));
    expect(songIdOf('café')).not.toBe(songIdOf('cafë'));
    expect(songIdOf('a'.repeat(101))).not.toBe(songIdOf('a'.repeat(102)));
  });

  it('is always an entity id', () => {
    for (const key of ['allofme', 'café', 'х'.repeat(255), '9', 'a'.repeat(100), 'a'.repeat(255)]) {
      expect(EntityId.safeParse(songIdOf(key)).success, key).toBe(true);
    }
  });
});

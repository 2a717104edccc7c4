import { describe, expect, it } from 'vitest';
import { multiLineText, oneLineText } from '../../../../shared/contracts/typedText.ts';

const RLO = '\u202E';

describe('text people type for others to read', () => {
  it('keeps names in any script, trimmed', () => {
    expect(oneLineText(50).parse('  Blue Note  ')).toBe('Blue Note');
    expect(oneLineText(50).parse('مقهى الجاز')).toBe('مقهى الجاز');
    expect(oneLineText(50).parse('Café Ærø 東京')).toBe('Café Ærø 東京');
  });

  it('refuses bidirectional formatting characters, control characters, blanks and over-long text', () => {
    for (const bad of [
      `Ana${RLO}exe.gnp`,
      'a\u2066b',
      'a\u200Fb',
      'line\nbreak',
      'tab\there',
      'nul\u0000',
      '   ',
    ]) {
      expect(oneLineText(50).safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(oneLineText(5).safeParse('123456').success).toBe(false);
  });

  it('allows line breaks and tabs over several lines, and nothing else of the kind', () => {
    expect(multiLineText(100).parse('Load-in 18:00\r\n\tbring the stands')).toBe(
      'Load-in 18:00\r\n\tbring the stands',
    );
    expect(multiLineText(100).safeParse(`Notes ${RLO}reversed`).success).toBe(false);
    expect(multiLineText(100).safeParse('bell\u0007').success).toBe(false);
  });
});

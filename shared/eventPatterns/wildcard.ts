import { InvalidEventPatternError } from './InvalidEventPatternError.ts';

/**
 * Above this many simultaneously live automaton states a wildcard value is refused as "too complex",
 * the way EventBridge refuses values whose matching could blow up. AWS does not publish its threshold;
 * 12 is calibrated on the recorded cases: `*:*:*:*:*:event-bus/*` (13) is refused while
 * `/Users/*\/dir/dir/dir/dir/dir/doc.txt` (8) and `a*b*c*d*e*f` (11) are accepted.
 */
const MAX_WILDCARD_COMPLEXITY = 12;

const TOO_COMPLEX =
  'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Splits a wildcard value into the literal runs between its `*`s (`\*` and `\\` are literals).
 * Error positions are UTF-8 byte offsets counted from the opening quote of the JSON string, as AWS reports them.
 */
export function parseWildcard(text: string): string[] {
  const segments: string[] = [];
  let current = '';
  let pos = 1;
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    if (ch === '*') {
      if (chars[i + 1] === '*')
        throw new InvalidEventPatternError(`Consecutive wildcard characters at pos ${pos}`);
      segments.push(current);
      current = '';
    } else if (ch === '\\') {
      const next = chars[i + 1];
      if (next !== '*' && next !== '\\')
        throw new InvalidEventPatternError(`Invalid escape character at pos ${pos}`);
      current += next;
      i++;
      pos++;
    } else {
      current += ch;
    }
    pos += utf8Length(ch.codePointAt(0) ?? 0);
  }
  segments.push(current);
  return segments;
}

/**
 * Worst-case number of pattern positions a single input can keep alive at once (subset simulation
 * of the glob automaton). Caps at `limit + 1`.
 */
function wildcardComplexity(segments: readonly string[], limit = MAX_WILDCARD_COMPLEXITY): number {
  // Token list: a character, or null for a wildcard.
  const tokens: (string | null)[] = [];
  segments.forEach((segment, i) => {
    if (i > 0) tokens.push(null);
    tokens.push(...Array.from(segment));
  });
  const alphabet = [...new Set(tokens.filter((t): t is string => t !== null)), '\u0000other'];
  const closure = (states: Set<number>): Set<number> => {
    const out = new Set<number>();
    for (let s of states) {
      out.add(s);
      while (tokens[s] === null) out.add(++s);
    }
    return out;
  };
  const start = closure(new Set([0]));
  const seen = new Set<string>([[...start].sort().join(',')]);
  const queue: Set<number>[] = [start];
  let max = start.size;
  while (queue.length > 0) {
    const states = queue.shift() ?? new Set<number>();
    for (const ch of alphabet) {
      const next = new Set<number>();
      for (const s of states) {
        const token = tokens[s];
        if (token === null) next.add(s);
        else if (token === ch) next.add(s + 1);
      }
      if (next.size === 0) continue;
      const closed = closure(next);
      const key = [...closed].sort().join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      max = Math.max(max, closed.size);
      if (max > limit || seen.size > 10_000) return limit + 1;
      queue.push(closed);
    }
  }
  return max;
}

/** Rejects a wildcard value whose matching EventBridge would consider too expensive. */
export function assertWildcardComplexity(segments: readonly string[]): void {
  if (wildcardComplexity(segments) > MAX_WILDCARD_COMPLEXITY) throw new InvalidEventPatternError(TOO_COMPLEX);
}

/**
 * Compiles literal runs into a matcher over strings. Leftmost-first placement of the middle runs is
 * exact for `*`-only globs and linear in practice, with no regular expression to backtrack.
 */
export function compileWildcard(segments: readonly string[]): (value: string) => boolean {
  const first = segments[0] ?? '';
  if (segments.length === 1) return (value) => value === first;
  const last = segments[segments.length - 1] ?? '';
  const middle = segments.slice(1, -1).filter((s) => s !== '');
  const minLength = first.length + last.length;
  return (value) => {
    if (value.length < minLength || !value.startsWith(first) || !value.endsWith(last)) return false;
    let pos = first.length;
    const end = value.length - last.length;
    for (const run of middle) {
      const at = value.indexOf(run, pos);
      if (at < 0 || at + run.length > end) return false;
      pos = at + run.length;
    }
    return true;
  };
}

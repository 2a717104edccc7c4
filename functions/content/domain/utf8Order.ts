const encoder = new TextEncoder();

/**
 * Compares two strings as DynamoDB orders sort keys: by their UTF-8 bytes. JavaScript's `<` compares UTF-16 code
 * units, which disagrees for characters above U+FFFF against U+E000–U+FFFF; paging must agree with the table.
 */
export const compareUtf8 = (a: string, b: string): number => {
  if (a === b) return 0;
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const length = Math.min(x.length, y.length);
  for (let i = 0; i < length; i += 1) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return x.length - y.length;
};

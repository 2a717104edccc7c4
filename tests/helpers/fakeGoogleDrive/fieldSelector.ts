/** A parsed `fields` selector: each field, and for `a(b,c)` the selector inside. */
export type FieldSelector = ReadonlyMap<string, FieldSelector | null>;

/**
 * Parses a Google partial-response selector (`nextPageToken,files(id,name,parents)`, `a/b` paths) as the
 * Drive API reads it, for the fake. Throws on unbalanced parentheses, as Google answers 400 then.
 */
export const parseFieldSelector = (fields: string): FieldSelector => {
  let position = 0;
  const parseList = (): Map<string, FieldSelector | null> => {
    const result = new Map<string, FieldSelector | null>();
    for (;;) {
      let name = '';
      while (position < fields.length && !',()'.includes(fields[position] as string))
        name += fields[position++];
      name = name.trim();
      let inner: FieldSelector | null = null;
      if (fields[position] === '(') {
        position++;
        inner = parseList();
        if (fields[position] !== ')') throw new Error(`Invalid field selection ${fields}`);
        position++;
      }
      if (name !== '') {
        // `a/b` means `a(b)`.
        const slash = name.indexOf('/');
        if (slash < 0) result.set(name, inner);
        else if (inner === null) result.set(name.slice(0, slash), parseFieldSelector(name.slice(slash + 1)));
        else throw new Error(`Unsupported field selection ${fields}`);
      }
      if (fields[position] !== ',') return result;
      position++;
    }
  };
  const parsed = parseList();
  if (position !== fields.length) throw new Error(`Invalid field selection ${fields}`);
  return parsed;
};

/** Keeps only the selected fields of a value (each element of an array alike). */
export const project = (value: unknown, selector: FieldSelector | null): unknown => {
  if (selector === null || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => project(item, selector));
  const result: Record<string, unknown> = {};
  for (const [name, inner] of selector) {
    if (name === '*') return value;
    const field = (value as Record<string, unknown>)[name];
    if (field !== undefined) result[name] = project(field, inner);
  }
  return result;
};

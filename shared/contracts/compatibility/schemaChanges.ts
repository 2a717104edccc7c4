import type { JsonSchema } from './ContractsSnapshot.ts';

/**
 * What a change does to the set of values a schema accepts, at one field. Whether it breaks anyone depends on
 * who reads the values (see `readerRules.ts`).
 */
export type ChangeKind =
  | 'removed'
  | 'added-required'
  | 'added-optional'
  | 'became-required'
  | 'became-optional'
  /** Accepts fewer values (a type, value, bound or format taken away). */
  | 'narrowed'
  /** Accepts more values. */
  | 'widened'
  /** Both, or a construct this comparison does not understand: read it by hand. */
  | 'changed';

export interface SchemaChange {
  /** Where, from the root given (`data.file.name`, `output.members[].role`). */
  readonly path: string;
  readonly kind: ChangeKind;
  /** What changed, in words: `no longer accepts "dev"`, `at most 100 characters (was 200)`. */
  readonly what: string;
}

// Keywords that document a schema without changing which values it accepts.
const ANNOTATIONS = new Set([
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
]);
const SCHEMA_MAPS = new Set(['properties', '$defs', 'definitions', 'patternProperties']);
const SCHEMA_LISTS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'propertyNames', 'not', 'contains']);

type Schema = JsonSchema | boolean;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A schema without its annotations, keys sorted: two schemas accepting the same values the same way look alike. */
const canonical = (schema: unknown): unknown => {
  if (!isObject(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema).sort()) {
    if (ANNOTATIONS.has(key)) continue;
    const value = schema[key];
    if (SCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, canonical(value[k])]),
      );
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map(canonical);
    } else if (SCHEMA_VALUES.has(key)) {
      out[key] = canonical(value);
    } else {
      out[key] = sortedJson(value);
    }
  }
  return out;
};

const sortedJson = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortedJson(value[k])]),
  );
};

const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** The kinds of JSON value a branch of a schema accepts. */
type ValueKind = 'null' | 'boolean' | 'string' | 'number' | 'object' | 'array' | 'any' | 'opaque';

interface Branch {
  readonly kind: ValueKind;
  readonly schema: Record<string, unknown>;
}

const kindOfValue = (value: unknown): ValueKind =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : typeof value === 'object'
        ? 'object'
        : typeof value === 'boolean'
          ? 'boolean'
          : typeof value === 'number'
            ? 'number'
            : 'string';

const TYPE_KINDS: Readonly<Record<string, ValueKind>> = {
  null: 'null',
  boolean: 'boolean',
  string: 'string',
  number: 'number',
  integer: 'number',
  object: 'object',
  array: 'array',
};

// Keywords whose presence means the schema is more than one plain type; compared only as a whole.
const OPAQUE = ['allOf', 'not', 'if', 'then', 'else', 'dependentSchemas', 'dependentRequired', 'contains'];

interface Context {
  readonly oldRoot: Schema;
  readonly newRoot: Schema;
  /** `$ref` pairs being compared, so a recursive schema ends instead of looping. */
  readonly seen: Set<string>;
}

const resolveRef = (root: Schema, ref: string): Schema | undefined => {
  if (ref === '#') return root;
  if (!ref.startsWith('#/') || !isObject(root)) return undefined;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    node = isObject(node) ? node[part.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
  }
  return typeof node === 'boolean' || isObject(node) ? (node as Schema) : undefined;
};

/** The alternatives a schema accepts, one per kind of value (a nullable string is two branches). */
const branchesOf = (schema: Schema, root: Schema, depth = 0): Branch[] => {
  if (schema === true) return [{ kind: 'any', schema: {} }];
  if (schema === false) return [];
  if (depth > 32) return [{ kind: 'opaque', schema }];
  const s = Object.fromEntries(Object.entries(schema).filter(([k]) => !ANNOTATIONS.has(k)));
  if (typeof s.$ref === 'string') {
    const target = resolveRef(root, s.$ref);
    const { $ref: _ref, ...siblings } = s;
    if (target === undefined || Object.keys(siblings).length > 0) return [{ kind: 'opaque', schema: s }];
    return branchesOf(target, root, depth + 1);
  }
  if (OPAQUE.some((k) => k in s)) return [{ kind: 'opaque', schema: s }];
  const union = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (Array.isArray(union)) {
    const { anyOf: _a, oneOf: _o, ...siblings } = s;
    if (Object.keys(siblings).length > 0) return [{ kind: 'opaque', schema: s }];
    return union.flatMap((member) => branchesOf(member, root, depth + 1));
  }
  const values = 'const' in s ? [s.const] : Array.isArray(s.enum) ? (s.enum as unknown[]) : undefined;
  if (values) {
    const { const: _c, enum: _e, type: _t, ...rest } = s;
    const kinds = [...new Set(values.map(kindOfValue))];
    return kinds.map((kind) => ({
      kind,
      schema: { ...rest, enum: values.filter((v) => kindOfValue(v) === kind) },
    }));
  }
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];
  if (types.length === 0) {
    if ('properties' in s || 'additionalProperties' in s || 'required' in s)
      return [{ kind: 'object', schema: s }];
    if ('items' in s || 'prefixItems' in s) return [{ kind: 'array', schema: s }];
    if (Object.keys(s).length === 0) return [{ kind: 'any', schema: {} }];
    return [{ kind: 'opaque', schema: s }];
  }
  return types.map((type) => ({
    kind: TYPE_KINDS[type] ?? 'opaque',
    schema: { ...s, type, ...(type === 'integer' ? { integer: true } : {}) },
  }));
};

const quote = (value: unknown): string => JSON.stringify(value);
const list = (values: readonly unknown[]): string => values.map(quote).join(', ');

/** Compares allowed values (`enum`/`const`); undefined on a side means any value of the kind. */
const compareValues = (path: string, a: unknown[] | undefined, b: unknown[] | undefined): SchemaChange[] => {
  if (a === undefined && b === undefined) return [];
  if (a === undefined) return [{ path, kind: 'narrowed', what: `only accepts ${list(b ?? [])}` }];
  if (b === undefined) return [{ path, kind: 'widened', what: `accepts any value, not only ${list(a)}` }];
  const aKeys = new Set(a.map(quote));
  const bKeys = new Set(b.map(quote));
  const removed = a.filter((v) => !bKeys.has(quote(v)));
  const added = b.filter((v) => !aKeys.has(quote(v)));
  return [
    ...(removed.length > 0
      ? [{ path, kind: 'narrowed' as const, what: `no longer accepts ${list(removed)}` }]
      : []),
    ...(added.length > 0 ? [{ path, kind: 'widened' as const, what: `now accepts ${list(added)}` }] : []),
  ];
};

const numberOr = (value: unknown, fallback: number): number => (typeof value === 'number' ? value : fallback);

/** A lower (`at least`) or upper (`at most`) count bound; a missing bound is 0 or unbounded. */
const compareCount = (
  path: string,
  side: 'at least' | 'at most',
  unit: string,
  a: unknown,
  b: unknown,
): SchemaChange[] => {
  const fallback = side === 'at least' ? 0 : Number.POSITIVE_INFINITY;
  const was = numberOr(a, fallback);
  const now = numberOr(b, fallback);
  if (was === now) return [];
  const stricter = side === 'at least' ? now > was : now < was;
  const show = (n: number) => (Number.isFinite(n) ? `${n}` : 'no limit');
  return [
    {
      path,
      kind: stricter ? 'narrowed' : 'widened',
      what: `${side} ${show(now)} ${unit} (was ${show(was)})`,
    },
  ];
};

interface Bound {
  readonly value: number;
  readonly exclusive: boolean;
}

// zod bounds every integer to the safe range; past it JSON numbers lose precision anyway, so such a bound
// says nothing a reader relies on.
const meaningful = (value: unknown): value is number =>
  typeof value === 'number' && Math.abs(value) < Number.MAX_SAFE_INTEGER;

const boundOf = (inclusive: unknown, exclusive: unknown): Bound | undefined =>
  meaningful(exclusive)
    ? { value: exclusive, exclusive: true }
    : meaningful(inclusive)
      ? { value: inclusive, exclusive: false }
      : undefined;

const showBound = (side: 'minimum' | 'maximum', b: Bound | undefined): string =>
  b === undefined
    ? `no ${side}`
    : `${side === 'minimum' ? (b.exclusive ? '>' : '≥') : b.exclusive ? '<' : '≤'} ${b.value}`;

const compareBound = (
  path: string,
  side: 'minimum' | 'maximum',
  a: Bound | undefined,
  b: Bound | undefined,
): SchemaChange[] => {
  if (a?.value === b?.value && a?.exclusive === b?.exclusive) return [];
  const sign = side === 'minimum' ? 1 : -1;
  // Positive when the new bound lets through fewer values than the old one.
  const tighter =
    a === undefined
      ? 1
      : b === undefined
        ? -1
        : sign * (b.value - a.value) || (b.exclusive === a.exclusive ? 0 : b.exclusive ? 1 : -1);
  return [
    {
      path,
      kind: tighter > 0 ? 'narrowed' : 'widened',
      what: `${showBound(side, b)} (was ${showBound(side, a)})`,
    },
  ];
};

const compareText = (path: string, keyword: 'pattern' | 'format', a: unknown, b: unknown): SchemaChange[] => {
  if (a === b) return [];
  if (a === undefined) return [{ path, kind: 'narrowed', what: `must now have ${keyword} ${quote(b)}` }];
  if (b === undefined) return [{ path, kind: 'widened', what: `no longer has ${keyword} ${quote(a)}` }];
  return [{ path, kind: 'changed', what: `${keyword} ${quote(a)} became ${quote(b)}` }];
};

const enumOf = (s: Record<string, unknown>): unknown[] | undefined =>
  Array.isArray(s.enum) ? (s.enum as unknown[]) : undefined;

const compareScalar = (
  path: string,
  kind: ValueKind,
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): SchemaChange[] => {
  const changes = compareValues(path, enumOf(a), enumOf(b));
  if (kind === 'string') {
    changes.push(
      ...compareCount(path, 'at least', 'characters', a.minLength, b.minLength),
      ...compareCount(path, 'at most', 'characters', a.maxLength, b.maxLength),
      ...compareText(path, 'pattern', a.pattern, b.pattern),
      ...compareText(path, 'format', a.format, b.format),
    );
  }
  if (kind === 'number') {
    if (a.integer === true && b.integer !== true) {
      changes.push({ path, kind: 'widened', what: 'accepts fractions (was whole numbers only)' });
    } else if (a.integer !== true && b.integer === true) {
      changes.push({ path, kind: 'narrowed', what: 'accepts whole numbers only' });
    }
    changes.push(
      ...compareBound(
        path,
        'minimum',
        boundOf(a.minimum, a.exclusiveMinimum),
        boundOf(b.minimum, b.exclusiveMinimum),
      ),
      ...compareBound(
        path,
        'maximum',
        boundOf(a.maximum, a.exclusiveMaximum),
        boundOf(b.maximum, b.exclusiveMaximum),
      ),
    );
    if (a.multipleOf !== b.multipleOf) {
      const was = a.multipleOf;
      const now = b.multipleOf;
      const kind: ChangeKind =
        typeof was !== 'number'
          ? 'narrowed'
          : typeof now !== 'number'
            ? 'widened'
            : now % was === 0
              ? 'narrowed'
              : was % now === 0
                ? 'widened'
                : 'changed';
      changes.push({
        path,
        kind,
        what: `multiple of ${quote(now ?? 'anything')} (was ${quote(was ?? 'anything')})`,
      });
    }
  }
  return changes;
};

const propertiesOf = (s: Record<string, unknown>): Record<string, Schema> =>
  isObject(s.properties) ? (s.properties as Record<string, Schema>) : {};
const requiredOf = (s: Record<string, unknown>): Set<string> =>
  new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
/** `additionalProperties` as a schema: absent means any value. */
const extraOf = (s: Record<string, unknown>): Schema =>
  s.additionalProperties === undefined ? true : (s.additionalProperties as Schema);

const compareObject = (
  path: string,
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  ctx: Context,
): SchemaChange[] => {
  const changes: SchemaChange[] = [];
  const aProps = propertiesOf(a);
  const bProps = propertiesOf(b);
  const aRequired = requiredOf(a);
  const bRequired = requiredOf(b);
  const removed = Object.keys(aProps).filter((name) => !(name in bProps));
  const added = Object.keys(bProps).filter((name) => !(name in aProps));
  const renamedTo = removed.length === 1 && added.length === 1 ? added[0] : undefined;
  for (const name of Object.keys(aProps)) {
    const field = `${path}.${name}`;
    const before = aProps[name] as Schema;
    const after = bProps[name];
    if (after === undefined) {
      changes.push({
        path: field,
        kind: 'removed',
        what: renamedTo ? `removed (renamed to ${renamedTo}?)` : 'removed',
      });
      continue;
    }
    if (aRequired.has(name) && !bRequired.has(name)) {
      changes.push({ path: field, kind: 'became-optional', what: 'became optional' });
    } else if (!aRequired.has(name) && bRequired.has(name)) {
      changes.push({ path: field, kind: 'became-required', what: 'became required' });
    }
    changes.push(...diffAt(field, before, after, ctx));
  }
  for (const name of added) {
    const required = bRequired.has(name);
    changes.push({
      path: `${path}.${name}`,
      kind: required ? 'added-required' : 'added-optional',
      what: required ? 'added, required' : 'added, optional',
    });
  }
  const aExtra = extraOf(a);
  const bExtra = extraOf(b);
  if (aExtra === false && bExtra !== false) {
    changes.push({ path, kind: 'widened', what: 'now accepts fields it does not name' });
  } else if (aExtra !== false && bExtra === false) {
    changes.push({ path, kind: 'narrowed', what: 'no longer accepts fields it does not name' });
  } else if (aExtra !== false && bExtra !== false) {
    changes.push(...diffAt(`${path}.*`, aExtra, bExtra, ctx));
  }
  if (a.propertyNames !== undefined || b.propertyNames !== undefined) {
    changes.push(
      ...diffAt(
        `${path}{key}`,
        (a.propertyNames ?? true) as Schema,
        (b.propertyNames ?? true) as Schema,
        ctx,
      ),
    );
  }
  changes.push(
    ...compareCount(path, 'at least', 'fields', a.minProperties, b.minProperties),
    ...compareCount(path, 'at most', 'fields', a.maxProperties, b.maxProperties),
  );
  return changes;
};

const compareArray = (
  path: string,
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  ctx: Context,
): SchemaChange[] => {
  const changes: SchemaChange[] = [
    ...compareCount(path, 'at least', 'items', a.minItems, b.minItems),
    ...compareCount(path, 'at most', 'items', a.maxItems, b.maxItems),
  ];
  if (a.uniqueItems === true && b.uniqueItems !== true) {
    changes.push({ path, kind: 'widened', what: 'items may now repeat' });
  } else if (a.uniqueItems !== true && b.uniqueItems === true) {
    changes.push({ path, kind: 'narrowed', what: 'items must now be unique' });
  }
  const aTuple = Array.isArray(a.prefixItems) ? (a.prefixItems as Schema[]) : [];
  const bTuple = Array.isArray(b.prefixItems) ? (b.prefixItems as Schema[]) : [];
  if (aTuple.length !== bTuple.length) {
    changes.push({ path, kind: 'changed', what: `tuple of ${bTuple.length} (was ${aTuple.length})` });
  }
  for (let i = 0; i < Math.min(aTuple.length, bTuple.length); i++) {
    changes.push(...diffAt(`${path}[${i}]`, aTuple[i] as Schema, bTuple[i] as Schema, ctx));
  }
  changes.push(...diffAt(`${path}[]`, (a.items ?? true) as Schema, (b.items ?? true) as Schema, ctx));
  return changes;
};

const compareBranch = (path: string, a: Branch, b: Branch, ctx: Context): SchemaChange[] => {
  switch (a.kind) {
    case 'object':
      return [
        ...compareValues(path, enumOf(a.schema), enumOf(b.schema)),
        ...compareObject(path, a.schema, b.schema, ctx),
      ];
    case 'array':
      return [
        ...compareValues(path, enumOf(a.schema), enumOf(b.schema)),
        ...compareArray(path, a.schema, b.schema, ctx),
      ];
    case 'opaque':
      return same(a.schema, b.schema)
        ? []
        : [{ path, kind: 'changed', what: 'changed in a way this check cannot compare: review it by hand' }];
    case 'any':
      return [];
    default:
      return compareScalar(path, a.kind, a.schema, b.schema);
  }
};

const KIND_NAMES: Readonly<Record<ValueKind, string>> = {
  null: 'null',
  boolean: 'booleans',
  string: 'strings',
  number: 'numbers',
  object: 'objects',
  array: 'arrays',
  any: 'any value',
  opaque: 'its former shape',
};

const diffAt = (path: string, a: Schema, b: Schema, ctx: Context): SchemaChange[] => {
  if (same(a, b)) return [];
  const aRef = isObject(a) && typeof a.$ref === 'string' ? a.$ref : '';
  const bRef = isObject(b) && typeof b.$ref === 'string' ? b.$ref : '';
  if (!aRef && !bRef) return diffBranches(path, a, b, ctx);
  // A recursive schema meets the same pair of references again inside itself: that comparison is under way.
  const refKey = `${aRef}|${bRef}`;
  if (ctx.seen.has(refKey)) return [];
  ctx.seen.add(refKey);
  try {
    return diffBranches(path, a, b, ctx);
  } finally {
    ctx.seen.delete(refKey);
  }
};

const diffBranches = (path: string, a: Schema, b: Schema, ctx: Context): SchemaChange[] => {
  const before = branchesOf(a, ctx.oldRoot);
  const after = branchesOf(b, ctx.newRoot);
  const changes: SchemaChange[] = [];
  const beforeAny = before.some((x) => x.kind === 'any');
  const afterAny = after.some((x) => x.kind === 'any');
  if (beforeAny !== afterAny) {
    changes.push(
      beforeAny
        ? { path, kind: 'narrowed', what: 'accepts less than any value' }
        : { path, kind: 'widened', what: 'now accepts any value' },
    );
    return changes;
  }
  const kinds = [...new Set([...before, ...after].map((x) => x.kind))].filter((k) => k !== 'any');
  for (const kind of kinds) {
    const olds = before.filter((x) => x.kind === kind);
    const news = after.filter((x) => x.kind === kind);
    if (news.length === 0) {
      changes.push({ path, kind: 'narrowed', what: `no longer accepts ${KIND_NAMES[kind]}` });
    } else if (olds.length === 0) {
      changes.push({ path, kind: 'widened', what: `now also accepts ${KIND_NAMES[kind]}` });
    } else {
      for (let i = 0; i < Math.min(olds.length, news.length); i++) {
        changes.push(...compareBranch(path, olds[i] as Branch, news[i] as Branch, ctx));
      }
      if (olds.length !== news.length) {
        changes.push({
          path,
          kind: olds.length > news.length ? 'narrowed' : 'widened',
          what: `${news.length} alternatives of ${KIND_NAMES[kind]} (was ${olds.length})`,
        });
      }
    }
  }
  return changes;
};

/**
 * How the values `after` accepts differ from those `before` accepted, field by field, starting at `root`
 * (the name of the compared part, e.g. `data`). Annotations (descriptions, defaults, titles) are ignored.
 */
export const schemaChanges = (root: string, before: JsonSchema, after: JsonSchema): SchemaChange[] =>
  diffAt(root, before, after, { oldRoot: before, newRoot: after, seen: new Set() });

/**
 * The members of an operation's input, by the wire type AWS's JSON 1.1 protocol deserialises them into:
 * `string`, `integer`, `timestamp` (epoch seconds), a `list` of a shape, or a `structure`.
 */
export type Shape =
  | 'string'
  | 'integer'
  | 'timestamp'
  | { readonly list: Shape }
  | { readonly structure: Readonly<Record<string, Shape>> };

/**
 * The body does not deserialise into the operation's input: AWS answers 400 `SerializationException`
 * before any validation runs.
 */
export class SerializationError extends Error {
  override readonly name = 'SerializationError';
}

/** A structure's member: the JSON value, or null (null members count as absent, as AWS reads them). */
export type Members = Record<string, unknown>;

// AWS's JSON deserialiser (Coral) names the value it found and the Java type it wanted; these are the
// messages DynamoDB answers, recorded against the live service by dynalite's tests (same framework).
const javaType = { string: 'String', integer: 'Integer', timestamp: 'Date' } as const;

const kindOf = (value: string | number | boolean): string => {
  if (typeof value === 'string') return 'STRING_VALUE';
  if (typeof value === 'boolean') return value ? 'TRUE_VALUE' : 'FALSE_VALUE';
  return Number.isInteger(value) ? 'NUMBER_VALUE' : 'DECIMAL_VALUE';
};

const STRUCTURE_NOT_EXPECTED = 'Start of structure or map found where not expected';

const readScalar = (value: unknown, shape: 'string' | 'integer' | 'timestamp'): unknown => {
  if (Array.isArray(value)) {
    throw new SerializationError(`Unrecognized collection type class java.lang.${javaType[shape]}`);
  }
  if (typeof value === 'object') throw new SerializationError(STRUCTURE_NOT_EXPECTED);
  const wanted = shape === 'string' ? 'string' : 'number';
  if (typeof value !== wanted) {
    throw new SerializationError(
      `${kindOf(value as string | number | boolean)} cannot be converted to ${javaType[shape]}`,
    );
  }
  return shape === 'integer' ? Math.trunc(value as number) : value;
};

/** Reads a value as `shape`; `null` stays null (AWS treats a null member as not given). */
export const readShape = (value: unknown, shape: Shape): unknown => {
  if (value === null || value === undefined) return null;
  if (typeof shape === 'string') return readScalar(value, shape);
  if ('list' in shape) {
    if (typeof value !== 'object') throw new SerializationError('Unexpected field type');
    if (!Array.isArray(value)) throw new SerializationError(STRUCTURE_NOT_EXPECTED);
    return value.map((member) => readShape(member, shape.list));
  }
  if (typeof value !== 'object') throw new SerializationError('Unexpected field type');
  if (Array.isArray(value)) throw new SerializationError('Start of list found where not expected');
  const members: Members = {};
  for (const [name, memberShape] of Object.entries(shape.structure)) {
    const member = readShape((value as Members)[name], memberShape);
    // Members the input does not declare are ignored, as AWS ignores them.
    if (member !== null) members[name] = member;
  }
  return members;
};

const wireName = (member: string): string => `${member.charAt(0).toLowerCase()}${member.slice(1)}`;

/**
 * Where a list read by {@link readShape} holds a null member, as AWS's validation names the place
 * (`entries.1.member.resources.2.member`): a list may not hold nulls.
 */
export const nullListMembers = (value: unknown, shape: Shape, at = ''): string[] => {
  if (value === null || value === undefined || typeof shape === 'string') return [];
  if ('list' in shape) {
    return (value as unknown[]).flatMap((member, index) => {
      const place = `${at}.${index + 1}.member`;
      return member === null ? [place] : nullListMembers(member, shape.list, place);
    });
  }
  return Object.entries(shape.structure).flatMap(([name, memberShape]) =>
    nullListMembers(
      (value as Members)[name],
      memberShape,
      at === '' ? wireName(name) : `${at}.${wireName(name)}`,
    ),
  );
};

/**
 * Reads a request body as the input structure `members`: an empty body or JSON `null` is an empty input,
 * anything else must be a JSON object whose declared members have their shapes.
 */
export const readInput = (body: Buffer, members: Readonly<Record<string, Shape>>): Members => {
  let parsed: unknown;
  try {
    parsed = body.length === 0 ? null : JSON.parse(body.toString('utf8'));
  } catch {
    throw new SerializationError('Request body is not valid JSON.');
  }
  return (readShape(parsed, { structure: members }) ?? {}) as Members;
};

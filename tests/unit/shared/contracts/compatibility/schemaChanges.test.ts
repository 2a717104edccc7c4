import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { JsonSchema } from '../../../../../shared/contracts/compatibility/ContractsSnapshot.ts';
import { schemaChanges } from '../../../../../shared/contracts/compatibility/schemaChanges.ts';

const json = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema) as JsonSchema;
const changes = (before: z.ZodType, after: z.ZodType) =>
  schemaChanges('data', json(before), json(after)).map((c) => `${c.kind} ${c.path}: ${c.what}`);

describe('schemaChanges', () => {
  it('ignores descriptions, titles and defaults: they change no accepted value', () => {
    expect(changes(z.string().describe('a name'), z.string().describe('the name'))).toEqual([]);
    expect(schemaChanges('data', { type: 'string', title: 'A' }, { type: 'string', default: 'x' })).toEqual(
      [],
    );
  });

  it('compares numbers: whole or not, inclusive and exclusive bounds, multiples', () => {
    expect(changes(z.number(), z.number().int())).toEqual(['narrowed data: accepts whole numbers only']);
    expect(changes(z.number().int(), z.number())).toEqual([
      'widened data: accepts fractions (was whole numbers only)',
    ]);
    expect(changes(z.number().nonnegative(), z.number().positive())).toEqual([
      'narrowed data: > 0 (was ≥ 0)',
    ]);
    expect(changes(z.number().max(10), z.number())).toEqual(['widened data: no maximum (was ≤ 10)']);
    expect(changes(z.number().multipleOf(2), z.number().multipleOf(4))).toEqual([
      'narrowed data: multiple of 4 (was 2)',
    ]);
  });

  it('compares strings: lengths, patterns and formats', () => {
    expect(changes(z.string(), z.string().min(1))).toEqual(['narrowed data: at least 1 characters (was 0)']);
    expect(changes(z.string().regex(/^a/), z.string())).toEqual(['widened data: no longer has pattern "^a"']);
    expect(changes(z.string().regex(/^a/), z.string().regex(/^b/))).toEqual([
      'changed data: pattern "^a" became "^b"',
    ]);
    expect(changes(z.string(), z.iso.date())).toEqual([
      expect.stringMatching(/^narrowed data: must now have pattern/),
      'narrowed data: must now have format "date"',
    ]);
  });

  it('compares objects: unnamed fields, records and counts', () => {
    expect(changes(z.object({ a: z.string() }).strict(), z.looseObject({ a: z.string() }))).toEqual([
      'widened data: now accepts fields it does not name',
    ]);
    expect(changes(z.record(z.string(), z.number()), z.record(z.string(), z.string()))).toEqual([
      'narrowed data.*: no longer accepts numbers',
      'widened data.*: now also accepts strings',
    ]);
    expect(changes(z.record(z.string(), z.number()), z.record(z.string().max(10), z.number()))).toEqual([
      'narrowed data{key}: at most 10 characters (was no limit)',
    ]);
  });

  it('compares arrays: counts, uniqueness and items', () => {
    expect(changes(z.array(z.string()).max(5), z.array(z.string()).max(3))).toEqual([
      'narrowed data: at most 3 items (was 5)',
    ]);
    expect(changes(z.array(z.string()), z.array(z.string().nullable()))).toEqual([
      'widened data[]: now also accepts null',
    ]);
  });

  it('follows recursive schemas to the end and still sees a change inside them', () => {
    interface Folder {
      name: string;
      children: Folder[];
    }
    const folder = (name: z.ZodString): z.ZodType<Folder> => {
      const schema: z.ZodType<Folder> = z.object({ name, children: z.array(z.lazy(() => schema)) });
      return schema;
    };
    expect(changes(folder(z.string()), folder(z.string()))).toEqual([]);
    expect(changes(folder(z.string()), folder(z.string().max(10)))).toEqual([
      'narrowed data.name: at most 10 characters (was no limit)',
    ]);
  });

  it('calls what it cannot compare a change to review by hand', () => {
    expect(
      schemaChanges('data', { allOf: [{ type: 'string' }] }, { allOf: [{ type: 'string', maxLength: 3 }] }),
    ).toEqual([
      {
        path: 'data',
        kind: 'changed',
        what: 'changed in a way this check cannot compare: review it by hand',
      },
    ]);
  });
});

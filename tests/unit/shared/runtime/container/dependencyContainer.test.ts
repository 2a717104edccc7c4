import { describe, expect, it } from 'vitest';
import { DependencyCycleError, dependencyContainer } from '../../../../../shared/runtime/index.ts';

describe('dependencyContainer', () => {
  it('builds each dependency on first use, once, and hands factories the others', () => {
    const built: string[] = [];
    const deps = dependencyContainer<{ table: string; store: { table: string }; unused: number }>({
      table: () => {
        built.push('table');
        return 'soleil-preferences';
      },
      store: (d) => {
        built.push('store');
        return { table: d.table };
      },
      unused: () => {
        built.push('unused');
        return 1;
      },
    });
    expect(built).toEqual([]);
    expect(deps().store).toEqual({ table: 'soleil-preferences' });
    expect(deps().store).toBe(deps().store);
    expect(built).toEqual(['store', 'table']);
  });

  it('forgets everything on reset, so the next use reads the environment again', () => {
    let reads = 0;
    const deps = dependencyContainer<{ setting: number }>({ setting: () => ++reads });
    expect(deps().setting).toBe(1);
    expect(deps().setting).toBe(1);
    deps.reset();
    expect(deps().setting).toBe(2);
  });

  it('tries a failed factory again on the next use instead of keeping the failure', () => {
    let attempts = 0;
    const deps = dependencyContainer<{ client: string }>({
      client: () => {
        attempts++;
        if (attempts === 1) throw new Error('SOLEIL_TABLE_X is not set');
        return 'client';
      },
    });
    expect(() => deps().client).toThrow('SOLEIL_TABLE_X is not set');
    expect(deps().client).toBe('client');
  });

  it('names a cycle instead of overflowing the stack', () => {
    const deps = dependencyContainer<{ a: number; b: number }>({ a: (d) => d.b, b: (d) => d.a });
    expect(() => deps().a).toThrow(DependencyCycleError);
    expect(() => deps().a).toThrow('a → b → a');
  });

  it('can be spread into a variant for a test (every dependency built)', () => {
    const deps = dependencyContainer<{ now: () => number; label: string }>({
      now: () => () => 1,
      label: () => 'x',
    });
    const later = { ...deps(), now: () => 2 };
    expect(later.label).toBe('x');
    expect(later.now()).toBe(2);
  });
});

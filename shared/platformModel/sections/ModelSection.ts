/**
 * What one section validator of the model returns: its part of the model, and the problems it found (each
 * names the module and the fix). The builder collects every section's problems before failing, so one run
 * shows everything to fix.
 */
export interface ModelSection<T> {
  readonly value: T;
  readonly problems: readonly string[];
}

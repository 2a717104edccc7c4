import type { ModuleManifest } from '../contracts/moduleManifest.ts';

/** Core's flow trace service, which the event kit reports every reaction to. */
export const TRACE_SERVICE = { module: 'core', service: 'trace_service' } as const;

/**
 * The services a module may call: its declared `uses`, plus core's trace service when core runs in this
 * platform and the module reacts to events — the event kit reports each reaction there, so the renderers
 * must let it (the variable of declared uses, and in AWS the invoke permission) without every manifest
 * repeating it.
 */
export const effectiveUses = (
  manifest: ModuleManifest,
  manifests: readonly ModuleManifest[],
): { module: string; service: string }[] => {
  const declared = manifest.uses.map((u) => ({ module: u.module, service: u.service }));
  const traceRuns = manifests.some(
    (m) =>
      m.name === TRACE_SERVICE.module && m.services.some((s) => s.contract.name === TRACE_SERVICE.service),
  );
  const reacts = manifest.subscriptions.some((s) => !s.observesAllEvents);
  const already = declared.some(
    (u) => u.module === TRACE_SERVICE.module && u.service === TRACE_SERVICE.service,
  );
  if (!traceRuns || !reacts || already || manifest.name === TRACE_SERVICE.module) return declared;
  return [...declared, { ...TRACE_SERVICE }];
};

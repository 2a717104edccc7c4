import type { ServiceContract } from '../../contracts/defineService.ts';
import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import { findServiceContract } from '../../contracts/serviceCatalog.ts';
import { functionIdOf } from '../collectFunctions.ts';
import type { ServiceModel } from '../PlatformModel.ts';
import type { ModelSection } from './ModelSection.ts';

/**
 * Services: contracts belong to their declarer, declared once; every use names a declared service of another
 * module — or, while that module is not part of the platform yet, a service with a contract in
 * shared/contracts (a module may be built before its provider; its calls fail until the provider is there).
 */
export const servicesSection = (
  manifests: readonly ModuleManifest[],
): ModelSection<readonly ServiceModel[]> => {
  const problems: string[] = [];
  const services: ServiceModel[] = [];
  const declared = new Set<string>();
  for (const m of manifests) {
    for (const s of m.services) {
      const contract: ServiceContract = s.contract;
      if (contract.module !== m.name) {
        problems.push(
          `Module "${m.name}" declares service "${contract.name}", whose contract belongs to "${contract.module}": ` +
            'declare it in that module, or fix the contract’s module.',
        );
      }
      const key = `${m.name}/${contract.name}`;
      if (declared.has(key)) problems.push(`Module "${m.name}" declares service "${contract.name}" twice.`);
      declared.add(key);
      services.push({
        module: m.name,
        name: contract.name,
        version: contract.version,
        description: contract.description,
        operations: Object.keys(contract.operations),
        functionId: functionIdOf(m.name, s.handler),
      });
    }
  }
  const moduleNames = new Set(manifests.map((m) => m.name));
  for (const m of manifests) {
    for (const use of m.uses) {
      const awaitsProvider = !moduleNames.has(use.module) && findServiceContract(use.module, use.service);
      if (!declared.has(`${use.module}/${use.service}`) && !awaitsProvider) {
        problems.push(
          `Module "${m.name}" uses service "${use.module}/${use.service}", which is not declared: ` +
            `declare it in functions/${use.module}/module.ts, or remove it from ${m.name}'s uses.`,
        );
      }
      if (use.module === m.name) {
        problems.push(
          `Module "${m.name}" uses its own service "${use.service}": call the domain code directly.`,
        );
      }
    }
  }
  return { value: services, problems };
};

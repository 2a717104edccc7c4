import type { NonconformingFile } from '../store/CatalogueStore.ts';
import { requireLeader } from './bandMembership.ts';
import type { ContentDependencies } from './ContentDependencies.ts';

/** For leaders: the library names that did not follow the naming rules, each with why (sorted by name). */
export const listNonconforming = async (
  deps: ContentDependencies,
  request: { readonly bandId: string; readonly userId: string },
): Promise<{ files: NonconformingFile[] }> => {
  await requireLeader(deps, request.bandId, request.userId);
  const files = await deps.catalogue.nonconforming(request.bandId);
  return { files: files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
};

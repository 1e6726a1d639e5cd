export { catalogueBundleSchema, type CatalogueBundle } from './bundle-schema';
export { installCatalogue, installPrepared, rollbackCatalogue, type InstallOptions, type InstallResult } from './install';
export { prepareBundle, readBundle, type PreparedBundle } from './prepare';
export { prepareBundleOffThread } from './off-thread';
export { searchCatalogue, normalizeQuery } from './search';
export { catalogueStats, getFormFile, getItem, listDepartments, listForms, listItems, listLifeEvents, type FormFile } from './catalogue-repository';
export { catalogueSearchCommand, catalogueStatsCommand } from './kioskctl-commands';
export * from './types';
export { renderGuidePdf, guideBlocks, type GuidePdfOptions } from './guide-pdf';

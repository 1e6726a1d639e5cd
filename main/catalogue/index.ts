export { catalogueBundleSchema, type CatalogueBundle } from './bundle-schema';
export { installCatalogue, rollbackCatalogue, readBundle, type InstallOptions, type InstallResult } from './install';
export { searchCatalogue, normalizeQuery } from './search';
export { catalogueStats, getFormFile, getItem, listDepartments, listForms, listItems, listLifeEvents, type FormFile } from './catalogue-repository';
export { catalogueSearchCommand, catalogueStatsCommand } from './kioskctl-commands';
export * from './types';
export { renderGuidePdf, guideBlocks, type GuidePdfOptions } from './guide-pdf';

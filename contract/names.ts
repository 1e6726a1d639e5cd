// The channel and event names alone, without their schemas: the sandboxed preload checks names
// against these lists and must stay tiny (importing zod would put 700 KB into it).
// names.test.ts proves the lists equal the keys of `channels` and `events`.

export const CHANNEL_NAMES = [
  'app.info',
  'app.state',
  'session.wipe',
  'simulator.residents',
  'simulator.control',
  'log.report',
  'session.current',
  // certificates (contract/certificates.ts)
  'certificate.issue',
  'certificate.print',
  // progress, results, slips (contract/progress.ts)
  'progress.availability',
  'progress.lookup',
  'progress.mine',
  'progress.slip',
  'results.mine',
  'results.print',
  'slips.overview',
  'slips.queue',
  'slips.receipt',
  'slips.demoJobs',
  // maintenance access (contract/maintenance-access.ts)
  'maintenance.unlock',
  'maintenance.technicianCard',
  'maintenance.signOut',
  'maintenance.selfTest',
  // maintenance dashboard and actions (contract/maintenance.ts)
  'maintenance.dashboard',
  'maintenance.paperRefilled',
  'maintenance.syncNow',
  'maintenance.retryDeadLetters',
  'maintenance.catalogueRollback',
  'maintenance.reloadUi',
  'maintenance.restart',
  'maintenance.log',
  'maintenance.settings',
  'maintenance.saveSettings',
  'catalogue.overview',
  'catalogue.items',
  'catalogue.item',
  'catalogue.search',
  'catalogue.forms',
  'catalogue.print',
  'catalogue.email',
] as const;

export const EVENT_NAMES = [
  'device.status',
  'sync.status',
  'card.inserted',
  'card.removed',
  'card.rejected',
  'session.wiped',
  'ui.reload',
  'maintenance.technicianCard',
] as const;

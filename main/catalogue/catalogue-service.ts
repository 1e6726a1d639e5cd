import { fileURLToPath } from 'node:url';
import { KioskError, type RequestOf, type ResponseOf } from '../../contract';
import type { Db } from '../db/database';
import { createLogger } from '../log/logger';
import type { PagePrintService } from '../printing/page-print-service';
import type { Clock } from '../util/clock';
import { getFormFile, getItem, listDepartments, listForms, listItems, listLifeEvents, catalogueStats } from './catalogue-repository';
import { renderGuidePdf } from './guide-pdf';
import { installCatalogue } from './install';
import { searchCatalogue } from './search';
import { CatalogueError, type ItemDetail } from './types';

const log = createLogger('catalogue');

/** The demo profile's bundle; production receives signed bundles from the platform. */
export const DEMO_BUNDLE_DIR = fileURLToPath(new URL('../../fixtures/catalogue/bundle', import.meta.url));

/** Queues an e-mail request in the caller's transaction (the outbox). */
export type EmailQueue = (db: Db, request: { itemId: string; formIds: string[]; email: string }) => void;

const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}$/;

/** The catalogue channels of the contract, over the active catalogue version. */
export class CatalogueService {
  constructor(
    private readonly db: Db,
    private readonly printing: PagePrintService,
    private readonly emailQueue: EmailQueue,
    private readonly online: () => boolean,
    private readonly kioskId: string,
    private readonly clock: Clock,
  ) {}

  /** Demo: install the committed bundle on first start, so the kiosk has something to show. */
  ensureDemoCatalogue(): void {
    if (catalogueStats(this.db).active) return;
    const result = installCatalogue(this.db, DEMO_BUNDLE_DIR, { source: 'demo bundle', now: () => this.clock.now() });
    log.info({ version: result.bundleVersion, items: result.items }, 'demo catalogue installed');
  }

  installedVersion(): number | null {
    return catalogueStats(this.db).active?.bundleVersion ?? null;
  }

  overview(): ResponseOf<'catalogue.overview'> {
    return this.guard(() => {
      const stats = catalogueStats(this.db);
      return {
        version: stats.active?.bundleVersion ?? null,
        items: stats.items,
        departments: listDepartments(this.db),
        lifeEvents: listLifeEvents(this.db),
      };
    });
  }

  items(filter: RequestOf<'catalogue.items'>): ResponseOf<'catalogue.items'> {
    return this.guard(() => listItems(this.db, withoutUndefined(filter)));
  }

  item(id: string): ResponseOf<'catalogue.item'> {
    return this.detail(id);
  }

  private detail(id: string): ItemDetail {
    return this.guard(() => {
      const item = getItem(this.db, id);
      if (!item) throw new KioskError('NOT_FOUND', `no catalogue item ${id}`);
      return item;
    });
  }

  search(query: RequestOf<'catalogue.search'>): ResponseOf<'catalogue.search'> {
    return this.guard(() => searchCatalogue(this.db, withoutUndefined(query)));
  }

  forms(query: RequestOf<'catalogue.forms'>): ResponseOf<'catalogue.forms'> {
    return this.guard(() => listForms(this.db, withoutUndefined(query)));
  }

  async print(target: RequestOf<'catalogue.print'>): Promise<ResponseOf<'catalogue.print'>> {
    if (target.kind === 'guide') {
      const item = this.detail(target.itemId);
      const pdf = await renderGuidePdf(item, { kioskId: this.kioskId, date: new Date(this.clock.now()) });
      return this.printing.print({ kind: 'guide', reference: item.id, pdf });
    }
    const file = this.guard(() => getFormFile(this.db, target.formId, target.variant));
    return this.printing.print({ kind: target.variant === 'blank' ? 'form-blank' : 'form-sample', reference: target.formId, pdf: file.bytes });
  }

  email({ itemId, email }: RequestOf<'catalogue.email'>): ResponseOf<'catalogue.email'> {
    const address = email.trim();
    if (!EMAIL.test(address)) throw new KioskError('EMAIL_INVALID', 'that is not an e-mail address');
    const item = this.detail(itemId);
    if (item.forms.length === 0) throw new KioskError('NOT_FOUND', `item ${itemId} has no forms to send`);
    // The request and its outbox event commit together: "queued" is only said after the commit.
    this.db.transaction(() => this.emailQueue(this.db, { itemId, formIds: item.forms.map((f) => f.id), email: address }))();
    return { queued: true, online: this.online() };
  }

  private guard<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof CatalogueError) {
        const code = error.code === 'CATALOGUE_NOT_FOUND' ? 'NOT_FOUND' : error.code === 'CATALOGUE_NOT_INSTALLED' ? 'NOT_AVAILABLE' : 'INTERNAL';
        throw new KioskError(code, error.message);
      }
      throw error;
    }
  }
}

/** exactOptionalPropertyTypes: a request's absent fields arrive as undefined; the repository wants them absent. */
function withoutUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

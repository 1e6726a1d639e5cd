import { describeDictionaryRules } from '../test-support/dictionary-rules';
import { maintenanceEn } from './maintenance-en';
import { maintenanceZhCN } from './maintenance-zh-CN';

// The maintenance screens' strings follow the same rules as the foundation's tables (i18n.test.ts).
describeDictionaryRules('maintenance strings', maintenanceZhCN, maintenanceEn);

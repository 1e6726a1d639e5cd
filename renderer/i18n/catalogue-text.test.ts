import { describeDictionaryRules } from '../test-support/dictionary-rules';
import { catalogueEn } from './catalogue-en';
import { catalogueZhCN } from './catalogue-zh-CN';

// The catalogue screens' strings follow the same rules as the foundation's tables (i18n.test.ts).
describeDictionaryRules('catalogue strings', catalogueZhCN, catalogueEn);

import { describeDictionaryRules } from '../test-support/dictionary-rules';
import { progressEn } from './progress-en';
import { progressZhCN } from './progress-zh-CN';

// The progress screens' strings follow the same rules as the foundation's tables (i18n.test.ts).
describeDictionaryRules('progress strings', progressZhCN, progressEn);

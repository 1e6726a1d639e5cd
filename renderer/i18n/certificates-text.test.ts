import { describeDictionaryRules } from '../test-support/dictionary-rules';
import { certificatesEn } from './certificates-en';
import { certificatesZhCN } from './certificates-zh-CN';

// The certificate screens' strings follow the same rules as the foundation's tables (i18n.test.ts).
describeDictionaryRules('certificate strings', certificatesZhCN, certificatesEn);

import { describeDictionaryRules } from '../test-support/dictionary-rules';
import { voiceEn } from './voice-en';
import { voiceZhCN } from './voice-zh-CN';

// The reminders are recorded at build time, so they must stay fixed phrases (no placeholders).
describeDictionaryRules('voice strings', voiceZhCN, voiceEn, { placeholders: 'none' });

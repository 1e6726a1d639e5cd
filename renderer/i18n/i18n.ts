import type { ErrorCode } from '../../contract/errors';
import { en, enErrors } from './en';
import type { ErrorText } from './error-text';
import { zhCN, zhCNErrors, type MessageKey } from './zh-CN';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };

/** The language a new visitor meets; the idle wipe returns to it. */
export const DEFAULT_LANG: Lang = 'zh-CN';

const messages: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const errors: Record<Lang, Record<ErrorCode, ErrorText>> = { 'zh-CN': zhCNErrors, en: enErrors };

export type Params = Record<string, string | number>;

/** Fills `{name}` placeholders. An unknown name stays visible rather than vanishing silently. */
export function format(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(lang: Lang): Translate {
  const table = messages[lang];
  return (key, params) => format(table[key], params);
}

export function errorText(lang: Lang, code: ErrorCode): ErrorText {
  return errors[lang][code];
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

export const allMessages = messages;
export const allErrors = errors;

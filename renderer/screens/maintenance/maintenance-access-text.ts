import { useMemo } from 'react';
import { useSession } from '../../app/session-context';
import { maintenanceAccessEn } from '../../i18n/maintenance-access-en';
import { maintenanceAccessZhCN, type MaintenanceAccessKey } from '../../i18n/maintenance-access-zh-CN';
import { format, type Lang, type Params } from '../../i18n/i18n';

export type MaintenanceAccessTranslate = (key: MaintenanceAccessKey, params?: Params) => string;

const tables: Record<Lang, Record<MaintenanceAccessKey, string>> = { 'zh-CN': maintenanceAccessZhCN, en: maintenanceAccessEn };

export const allMaintenanceAccessMessages = tables;

export function maintenanceAccessTranslator(lang: Lang): MaintenanceAccessTranslate {
  const table = tables[lang];
  return (key, params) => format(table[key], params);
}

/** A self-test fact's label in the session's language; a label this version does not know shows as sent. */
export function factLabel(t: MaintenanceAccessTranslate, label: string): string {
  const key = `fact.${label}`;
  return Object.hasOwn(maintenanceAccessZhCN, key) ? t(key as MaintenanceAccessKey) : label;
}

/** A self-test fact's value: the few words main reports (states, paper, readers) translated, the rest as sent. */
export function factValue(t: MaintenanceAccessTranslate, value: string): string {
  const key = `value.${value}`;
  return Object.hasOwn(maintenanceAccessZhCN, key) ? t(key as MaintenanceAccessKey) : value;
}

/** The sign-in and self-test screens' own strings, in the session's language. */
export function useMaintenanceAccessText(): MaintenanceAccessTranslate {
  const { lang } = useSession();
  return useMemo(() => maintenanceAccessTranslator(lang), [lang]);
}

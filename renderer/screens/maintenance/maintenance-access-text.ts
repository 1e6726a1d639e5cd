import { useDictionary } from '../../components/use-dictionary';
import { maintenanceAccessEn } from '../../i18n/maintenance-access-en';
import { maintenanceAccessZhCN, type MaintenanceAccessKey } from '../../i18n/maintenance-access-zh-CN';
import { defineDictionary, type DictionaryTranslate } from '../../i18n/dictionary';

export type MaintenanceAccessTranslate = DictionaryTranslate<MaintenanceAccessKey>;

const maintenanceAccess = defineDictionary(maintenanceAccessZhCN, maintenanceAccessEn);

export const allMaintenanceAccessMessages = maintenanceAccess.tables;

export const maintenanceAccessTranslator = maintenanceAccess.translator;

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
  return useDictionary(maintenanceAccess);
}

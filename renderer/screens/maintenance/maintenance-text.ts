import { useDictionary } from '../../components/use-dictionary';
import { maintenanceEn } from '../../i18n/maintenance-en';
import { maintenanceZhCN, type MaintenanceKey } from '../../i18n/maintenance-zh-CN';
import { defineDictionary, type DictionaryTranslate } from '../../i18n/dictionary';
import type { Lang } from '../../i18n/i18n';

export type MaintenanceTranslate = DictionaryTranslate<MaintenanceKey>;

const maintenance = defineDictionary(maintenanceZhCN, maintenanceEn);

export const maintenanceTranslator = maintenance.translator;

/** The maintenance screens' own strings, in the session's language. */
export function useMaintenanceText(): MaintenanceTranslate {
  return useDictionary(maintenance);
}

/** Dates as a technician reads them: local date and time, 24-hour. */
export function formatTime(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(date);
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function durationParts(ms: number): { days: number; hours: number; minutes: number } {
  const minutes = Math.floor(ms / 60_000);
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}

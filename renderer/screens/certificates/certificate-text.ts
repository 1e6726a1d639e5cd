import { useMemo } from 'react';
import { useSession } from '../../app/session-context';
import { certificatesEn } from '../../i18n/certificates-en';
import { certificatesZhCN, type CertificatesKey } from '../../i18n/certificates-zh-CN';
import { format, type Lang, type Params } from '../../i18n/i18n';

export type CertificatesTranslate = (key: CertificatesKey, params?: Params) => string;

const tables: Record<Lang, Record<CertificatesKey, string>> = { 'zh-CN': certificatesZhCN, en: certificatesEn };

export const allCertificatesMessages = tables;

export function certificatesTranslator(lang: Lang): CertificatesTranslate {
  const table = tables[lang];
  return (key, params) => format(table[key], params);
}

/** The identification and certificate screens' own strings, in the session's language. */
export function useCertificatesText(): CertificatesTranslate {
  const { lang } = useSession();
  return useMemo(() => certificatesTranslator(lang), [lang]);
}

import { useDictionary } from '../../components/use-dictionary';
import { certificatesEn } from '../../i18n/certificates-en';
import { certificatesZhCN, type CertificatesKey } from '../../i18n/certificates-zh-CN';
import { defineDictionary, type DictionaryTranslate } from '../../i18n/dictionary';

export type CertificatesTranslate = DictionaryTranslate<CertificatesKey>;

const certificates = defineDictionary(certificatesZhCN, certificatesEn);

export const allCertificatesMessages = certificates.tables;

export const certificatesTranslator = certificates.translator;

/** The identification and certificate screens' own strings, in the session's language. */
export function useCertificatesText(): CertificatesTranslate {
  return useDictionary(certificates);
}

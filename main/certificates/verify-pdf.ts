import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { textHash, verifyPayload, type VerifyResult } from './certificate-signature';
import { canonicalFromPrinted } from './certificate-text';

export type PdfVerification = VerifyResult & {
  /** Whether the text printed in the PDF still hashes to the signed value (null: pdftotext missing). */
  textMatches?: boolean | null;
};

/** Finds the signed payload a kiosk certificate PDF carries (in its metadata, as in its QR). */
export function extractPayload(pdf: Buffer): string | undefined {
  const match = /HZ1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(pdf.toString('latin1'));
  return match?.[0];
}

/**
 * Verifies a certificate file: the signature with the given public keys and, when poppler's
 * pdftotext is present, that the printed text is the text that was signed.
 */
export function verifyCertificateFile(path: string, keys: Record<string, string>): PdfVerification {
  const pdf = readFileSync(path);
  const payload = extractPayload(pdf);
  if (!payload) return { ok: false, reason: 'malformed' };
  const result = verifyPayload(payload, keys);
  if (!result.ok) return result;
  let printed: string;
  try {
    printed = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' });
  } catch {
    return { ...result, textMatches: null };
  }
  return { ...result, textMatches: textHash(canonicalFromPrinted(printed)) === result.payload.h };
}

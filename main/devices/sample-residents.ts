import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// The demo profile's sample residents (fixtures/residents/residents.json), read as data at run time:
// main/ never imports fixtures/ code, and production never reads this file.

const idCardSchema = z.object({
  name: z.string(),
  gender: z.enum(['0', '1', '2', '9']),
  nation: z.string(),
  birth: z.string(),
  address: z.string(),
  idNumber: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
});

const ssCardSchema = z.object({
  cardNumber: z.string(),
  version: z.string(),
  issueDate: z.string(),
  expiryDate: z.string(),
  ssn: z.string(),
  name: z.string(),
  gender: z.string(),
  nation: z.string(),
  birthPlace: z.string(),
  birth: z.string(),
});

export const sampleResidentSchema = z.object({ id: z.string(), idCard: idCardSchema, ssCard: ssCardSchema.nullable() });
export type SampleResident = z.infer<typeof sampleResidentSchema>;

export const SAMPLE_RESIDENTS_PATH = fileURLToPath(new URL('../../fixtures/residents/residents.json', import.meta.url));

export function loadSampleResidents(path = SAMPLE_RESIDENTS_PATH): SampleResident[] {
  const parsed = z.object({ residents: z.array(z.unknown()) }).parse(JSON.parse(readFileSync(path, 'utf8')));
  return parsed.residents.map((r) => sampleResidentSchema.parse(r));
}

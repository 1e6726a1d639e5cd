import { z } from 'zod';

// The certificate records the platform returns for an identified resident (docs/platform-api.yaml).

export const householdRecordSchema = z.object({
  householdNumber: z.string(),
  relation: z.string(),
  householdHead: z.string(),
  registeredAddress: z.string(),
  policeStation: z.string(),
  registeredSince: z.string().regex(/^\d{8}$/),
  members: z.array(z.object({ name: z.string(), relation: z.string() })),
});

export const familyPlanningRecordSchema = z.object({
  maritalStatus: z.string(),
  marriageDate: z.string().regex(/^\d{8}$/).nullable(),
  spouseName: z.string().nullable(),
  children: z.array(z.object({ gender: z.string(), birth: z.string().regex(/^\d{8}$/) })),
  onlyChildCertificate: z.boolean(),
  street: z.string(),
});

export type HouseholdRecord = z.infer<typeof householdRecordSchema>;
export type FamilyPlanningRecord = z.infer<typeof familyPlanningRecordSchema>;
export type CertificateType = 'household' | 'family-planning';

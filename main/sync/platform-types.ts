// Wire types of docs/platform-api.yaml (components/schemas), as the kiosk uses them.

export type Limits = { maxBatchEvents: number; maxBatchBytes: number };

export type TokenResponse = { accessToken: string; tokenType: 'Bearer'; expiresIn: number; refreshToken: string; serverTime: number };

export type WireEvent = {
  seq: number;
  eventId: string;
  stream: string;
  type: string;
  occurredAt: number;
  bootId: string;
  monoMs: number;
  payload: Record<string, unknown>;
};

export type EventBatch = { protocol: 1; kioskId: string; batchId: string; sentAt: number; events: WireEvent[] };

export type EventResult = { eventId: string; seq: number; status: 'accepted' | 'duplicate' | 'rejected'; reason?: string | null };

export type EventBatchResult = { batchId: string; results: EventResult[]; ackedThroughSeq: number; serverTime: number; limits: Limits };

export type Step = { name: string; state: 'done' | 'current' | 'pending'; at: number | null; handler: string | null };

export type Application = {
  applicationNumber: string;
  itemCode: string;
  itemName: string;
  department: string;
  applicantMasked: string;
  submittedAt: number;
  status: 'received' | 'in_progress' | 'awaiting_materials' | 'approved' | 'rejected' | 'completed' | 'withdrawn';
  steps: Step[];
  nextStep: string | null;
  dueAt: number | null;
  hasResult: boolean;
};

export type ResultDocument = { documentId: string; title: string; mediaType: 'application/pdf'; length: number; sha256: string; printable: boolean };

export type ApplicationResult = {
  applicationNumber: string;
  outcome: 'approved' | 'rejected' | 'completed';
  decidedAt: number;
  summary: string;
  documents: ResultDocument[];
};

export type HouseholdRecord = {
  recordId: string;
  householdNumber: string;
  relation: string;
  householdHead: string;
  registeredAddress: string;
  policeStation: string;
  registeredSince: string;
  members: { name: string; relation: string }[];
  issuedAt: number;
};

export type FamilyPlanningRecord = {
  recordId: string;
  maritalStatus: string;
  marriageDate?: string | null;
  spouseName?: string | null;
  children: { gender: string; birth: string }[];
  onlyChildCertificate: boolean;
  street: string;
  issuedAt: number;
};

export type VersionAnnouncement = { timestampVersion: number; catalogueVersion: number; configVersion: number };

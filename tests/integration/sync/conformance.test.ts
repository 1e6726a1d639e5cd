import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskError } from '../../../contract/errors';
import { startKiosk, startPlatform, type Kiosk, type Platform } from './harness';
import { waitUntil } from '../../support/wait-until';
import { OpenApi } from './openapi';

// Both sides against docs/platform-api.yaml: every request the kiosk's client sends and every answer
// the simulator gives (including the documented error answers) is validated with ajv.

const api = new OpenApi();
let platform: Platform;
let kiosk: Kiosk;
const sent: { method: string; path: string; headers: Record<string, string>; body: Buffer | null }[] = [];

const R001 = { idNumber: '440105195803129994', source: 'id-card' as const };
const R005 = { idNumber: '440105200001010004', source: 'ss-card' as const };
const NOBODY = { idNumber: '440105199901010011', source: 'id-card' as const };

async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(KioskError);
  expect((error as KioskError).code).toBe(code);
}

beforeAll(async () => {
  platform = await startPlatform({ limits: { maxBatchEvents: 50 } });
  kiosk = startKiosk(platform.url, { client: { onRequest: (r) => sent.push(r) } });

  // Events: success, duplicate, rejected, a refused batch, documented faults.
  kiosk.enqueue(60);
  kiosk.enqueue(1, 'fault', { simReject: true });
  await kiosk.sync.syncNow();
  kiosk.enqueue(2);
  kiosk.enqueue(1, 'usage', { simRefuseBatch: true });
  await platform.inject({ kind: 'http_413' }, { kind: 'http_503', retryAfter: 1 }, { kind: 'http_429', retryAfter: 2 }, { kind: 'http_500' });
  for (let i = 0; i < 6; i++) await kiosk.sync.syncNow();
  await platform.inject({ kind: 'drop_after_commit' });
  kiosk.enqueue(3);
  await kiosk.sync.syncNow();
  await kiosk.sync.syncNow();

  // Signed metadata and blobs.
  const ts = await kiosk.client.getTimestamp(null);
  if (ts.notModified) throw new Error('first timestamp fetch cannot be 304');
  expect(await kiosk.client.getTimestamp(ts.etag)).toEqual({ notModified: true });
  const timestamp = JSON.parse(Buffer.from((JSON.parse(ts.bytes.toString()) as { payload: string }).payload, 'base64').toString()) as {
    catalogue: { version: number };
    config: { version: number };
  };
  expect(await kiosk.client.getRoot(1)).not.toBeNull();
  expect(await kiosk.client.getRoot(2)).toBeNull();
  const manifest = await kiosk.client.getManifest('catalogue', timestamp.catalogue.version);
  await kiosk.client.getManifest('config', timestamp.config.version);
  const files = (JSON.parse(Buffer.from((JSON.parse(manifest.toString()) as { payload: string }).payload, 'base64').toString()) as { files: { sha256: string; length: number }[] }).files;
  for (const f of files) expect((await kiosk.client.getBlob(f.sha256, f.length)).byteLength).toBe(f.length);
  await expectCode(kiosk.client.getBlob('0'.repeat(64), 10), 'RECORD_NOT_FOUND');

  // Online queries.
  await kiosk.client.getApplication('HZ-20261102-000417');
  await expectCode(kiosk.client.getApplication('HZ-20990101-999999'), 'RECORD_NOT_FOUND');
  const result = await kiosk.client.getApplicationResult('HZ-20261102-000417');
  await expectCode(kiosk.client.getApplicationResult('HZ-20261120-001283'), 'NOT_AVAILABLE');
  const pdf = await kiosk.client.getDocument(result.documents[0]?.documentId ?? '');
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.byteLength).toBe(result.documents[0]?.length);
  await kiosk.client.findApplications(R001);
  await kiosk.client.findApplications(NOBODY);
  await kiosk.client.getHouseholdRecord(R001);
  await kiosk.client.getFamilyPlanningRecord(R005);
  await expectCode(kiosk.client.getHouseholdRecord(NOBODY), 'RECORD_NOT_FOUND');
  await expectCode(kiosk.client.getFamilyPlanningRecord(NOBODY), 'RECORD_NOT_FOUND');
}, 60_000);

afterAll(async () => {
  kiosk.close();
  await platform.stop();
});

describe('docs/platform-api.yaml conformance', () => {
  it('the file is a valid OpenAPI 3.1 document whose references all resolve', () => {
    expect((api.doc as unknown as { openapi: string }).openapi).toBe('3.1.0');
    const refs = JSON.stringify(api.doc).match(/"\$ref":"#\/[^"]+"/g) ?? [];
    for (const ref of refs) {
      const path = ref.slice(8, -1).replace(/^#\//, '').split('/');
      expect(path.reduce<unknown>((n, p) => (n as Record<string, unknown> | undefined)?.[p], api.doc), ref).toBeDefined();
    }
  });

  it('the validator itself notices a wrong answer and a wrong request', () => {
    const bad = Buffer.from(JSON.stringify({ batchId: 'b', results: [{ eventId: 'e', seq: 1, status: 'maybe' }], serverTime: 1 }));
    expect(api.checkResponse('POST', '/v1/kiosks/K-1/event-batches', 200, { 'Content-Type': 'application/json' }, bad).length).toBeGreaterThan(0);
    expect(api.checkResponse('POST', '/v1/kiosks/K-1/event-batches', 418, {}, Buffer.alloc(0))).toEqual(['uploadEvents: status 418 is not documented']);
    const request = Buffer.from(JSON.stringify({ protocol: 1, kioskId: 'K-1', batchId: 'b-12345678', sentAt: 1, events: [] }));
    expect(api.checkRequest('POST', '/v1/kiosks/K-1/event-batches', { authorization: 'Bearer x' }, request)).toEqual(
      expect.arrayContaining(['uploadEvents: header Idempotency-Key missing', 'uploadEvents request: /events must NOT have fewer than 1 items']),
    );
  });

  it('every request the kiosk client sent matches the API', () => {
    const problems = sent.flatMap((r) => api.checkRequest(r.method, r.path, r.headers, r.body));
    expect(problems).toEqual([]);
    expect(sent.length).toBeGreaterThan(20);
  });

  it('every answer the simulator gave matches the API', () => {
    const problems = platform.exchanges.filter((e) => !e.path.startsWith('/__admin/')).flatMap((e) => api.checkResponse(e.method, e.path, e.status, e.responseHeaders, e.responseBody));
    expect(problems).toEqual([]);
  });

  it('covered every operation and the documented error answers', () => {
    const operations = Object.values(api.doc.paths).flatMap((m) => Object.values(m).map((op) => op.operationId));
    const covered = [...api.seen].map((s) => s.split(' ')[0]);
    // The SSE stream is checked by its own test below.
    expect(operations.filter((op) => op !== 'notifications' && !covered.includes(op))).toEqual([]);
    for (const s of ['uploadEvents 200', 'uploadEvents 400', 'uploadEvents 413', 'uploadEvents 429', 'uploadEvents 500', 'uploadEvents 503', 'getTimestamp 304', 'getApplicationResult 409', 'getHouseholdRecord 404']) {
      expect(api.seen, s).toContain(s);
    }
  });

  it('a request without a token is refused with a documented 401', async () => {
    const res = await fetch(`${platform.url}/v1/applications/HZ-20261102-000417`);
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.status).toBe(401);
    expect(api.checkResponse('GET', '/v1/applications/HZ-20261102-000417', 401, { 'content-type': res.headers.get('content-type') ?? '' }, body)).toEqual([]);
  });

  it('the SSE stream announces a new version; its data matches VersionAnnouncement', async () => {
    const seen: unknown[] = [];
    let closed = false;
    const stream = await kiosk.client.openNotifications({ onAnnouncement: (a) => seen.push(a), onClose: () => (closed = true) });
    await waitUntil(() => seen.length === 1, 5000, 'the first announcement');
    await platform.admin('/__admin/publish', { role: 'config', files: [{ path: 'config.json', base64: Buffer.from('{"idleTimeoutSeconds":120}').toString('base64') }] });
    await waitUntil(() => seen.length === 2, 5000, 'the announcement of the new config');
    for (const a of seen) expect(api.checkSchema('VersionAnnouncement', a)).toEqual([]);
    expect(seen[1]).toMatchObject({ configVersion: (seen[0] as { configVersion: number }).configVersion + 1 });
    stream.close();
    expect(closed).toBe(true);
    const notif = sent.filter((r) => r.path.endsWith('/notifications'));
    expect(notif.flatMap((r) => api.checkRequest(r.method, r.path, r.headers, r.body))).toEqual([]);
  });
});

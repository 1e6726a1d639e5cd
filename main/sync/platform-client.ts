import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { KioskError, type ErrorCode } from '../../contract/errors';
import type { Clock } from '../util/clock';
import type { Logger } from '../log/logger';
import { createLogger } from '../log/logger';
import type * as Api from './platform-types';

// Every call the kiosk makes to the central platform (docs/platform-api.yaml). Each request has a
// connect timeout and a total timeout; bodies are size-capped; failures become KioskErrors whose
// `detail` tells the uploader what to do (status, Retry-After, limits).

export type PlatformClientOptions = {
  baseUrl: string;
  kioskId: string;
  /** The per-kiosk credential a technician provisioned (read from the credential file by the caller). */
  credential: string | (() => string);
  /** PEM of a pinned CA: only certificates chaining to it are accepted. */
  caPem?: string;
  clock: Clock;
  connectTimeoutMs?: number;
  timeoutMs?: number;
  /** Cap on any response body not otherwise bounded. */
  maxResponseBytes?: number;
  logger?: Logger;
  /** Seen on every request (the conformance test records what the client sends). */
  onRequest?: (r: { method: string; path: string; headers: Record<string, string>; body: Buffer | null }) => void;
};

export type Identity = { idNumber: string; source: 'id-card' | 'ss-card' };

type RawResponse = { status: number; headers: IncomingMessage['headers']; body: Buffer };
type Send = { method: 'GET' | 'POST'; path: string; body?: unknown; headers?: Record<string, string>; auth?: boolean; maxBytes?: number; timeoutMs?: number };

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** Plain HTTP is allowed to loopback only (the simulator); anything else must be HTTPS. */
export function checkPlatformUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new KioskError('SETTING_INVALID', `platform URL is not a URL`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = LOOPBACK_NAMES.has(url.hostname) || (isIP(host) === 4 && host.startsWith('127.')) || host === '::1';
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && loopback) return url;
  throw new KioskError('SETTING_INVALID', `platform URL must be https:// (http:// only for loopback), got ${url.protocol}//${url.hostname}`);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(header: string | undefined, now: number): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function platformError(code: ErrorCode, message: string, detail: Record<string, string | number | boolean | null>): KioskError {
  return new KioskError(code, message, detail);
}

export class PlatformClient {
  private readonly base: URL;
  private readonly log: Logger;
  private access: { token: string; expiresAt: number } | null = null;
  private refreshToken: string | null = null;

  constructor(private readonly options: PlatformClientOptions) {
    this.base = checkPlatformUrl(options.baseUrl);
    this.log = options.logger ?? createLogger('sync');
  }

  get kioskId(): string {
    return this.options.kioskId;
  }

  // ── events ────────────────────────────────────────────────────────────────────────────────

  async uploadEvents(batch: Api.EventBatch): Promise<Api.EventBatchResult> {
    const res = await this.authorized({
      method: 'POST',
      path: `/v1/kiosks/${encodeURIComponent(this.options.kioskId)}/event-batches`,
      body: batch,
      headers: { 'Idempotency-Key': batch.batchId, 'X-Request-Id': `${batch.batchId}` },
    });
    if (res.status === 200) {
      const reply = this.json(res) as Api.EventBatchResult;
      if (!Array.isArray(reply?.results) || typeof reply.ackedThroughSeq !== 'number' || typeof reply.serverTime !== 'number' || typeof reply.limits?.maxBatchEvents !== 'number') {
        throw platformError('PLATFORM_ERROR', 'event batch reply has an unexpected shape', { status: 200, cause: 'body' });
      }
      return reply;
    }
    if (res.status === 413) {
      const body = this.jsonOrNull(res) as { limits?: Api.Limits } | null;
      throw platformError('PLATFORM_ERROR', 'event batch too large', {
        status: 413,
        cause: 'too_large',
        maxBatchEvents: body?.limits?.maxBatchEvents ?? null,
        maxBatchBytes: body?.limits?.maxBatchBytes ?? null,
      });
    }
    throw this.httpError(res, 'event upload');
  }

  // ── signed updates ────────────────────────────────────────────────────────────────────────

  async getTimestamp(etag: string | null, maxBytes = 16 * 1024): Promise<{ notModified: true } | { notModified: false; bytes: Buffer; etag: string | null }> {
    const res = await this.authorized({ method: 'GET', path: '/v1/metadata/timestamp.json', headers: etag ? { 'If-None-Match': etag } : {}, maxBytes });
    if (res.status === 304) return { notModified: true };
    if (res.status !== 200) throw this.httpError(res, 'timestamp');
    const tag = res.headers.etag;
    return { notModified: false, bytes: res.body, etag: typeof tag === 'string' ? tag : null };
  }

  async getRoot(version: number, maxBytes = 16 * 1024): Promise<Buffer | null> {
    const res = await this.authorized({ method: 'GET', path: `/v1/metadata/root/${version}.json`, maxBytes });
    if (res.status === 404) return null;
    if (res.status !== 200) throw this.httpError(res, 'root metadata');
    return res.body;
  }

  async getManifest(role: 'catalogue' | 'config', version: number, maxBytes = 2 * 1024 * 1024): Promise<Buffer> {
    const res = await this.authorized({ method: 'GET', path: `/v1/metadata/${role}/${version}.json`, maxBytes });
    if (res.status !== 200) throw this.httpError(res, `${role} manifest`);
    return res.body;
  }

  /** A content-addressed file; the body is cut at `length + 1` bytes (endless-data defence). */
  async getBlob(sha256: string, length: number): Promise<Buffer> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new KioskError('INVALID_REQUEST', 'blob hash must be 64 hex digits');
    const res = await this.authorized({ method: 'GET', path: `/v1/blobs/sha256/${sha256}`, maxBytes: length + 1, timeoutMs: 120_000 });
    if (res.status !== 200) throw this.httpError(res, 'blob');
    return res.body;
  }

  // ── online queries ────────────────────────────────────────────────────────────────────────

  async getApplication(applicationNumber: string): Promise<Api.Application> {
    return this.getJson(`/v1/applications/${encodeURIComponent(applicationNumber)}`, 'application');
  }

  async getApplicationResult(applicationNumber: string): Promise<Api.ApplicationResult> {
    return this.getJson(`/v1/applications/${encodeURIComponent(applicationNumber)}/result`, 'application result');
  }

  async getDocument(documentId: string, maxBytes = 20 * 1024 * 1024): Promise<Buffer> {
    const res = await this.authorized({ method: 'GET', path: `/v1/documents/${encodeURIComponent(documentId)}`, maxBytes });
    if (res.status !== 200) throw this.httpError(res, 'document');
    return res.body;
  }

  async findApplications(identity: Identity): Promise<Api.Application[]> {
    return (await this.postJson<{ applications: Api.Application[] }>('/v1/resident-queries/applications', { identity }, 'applications')).applications;
  }

  async getHouseholdRecord(identity: Identity): Promise<Api.HouseholdRecord> {
    return this.postJson('/v1/resident-queries/household-record', { identity }, 'household record');
  }

  async getFamilyPlanningRecord(identity: Identity): Promise<Api.FamilyPlanningRecord> {
    return this.postJson('/v1/resident-queries/family-planning-record', { identity }, 'family-planning record');
  }

  // ── push notifications (SSE) ──────────────────────────────────────────────────────────────

  /**
   * Opens the `version` event stream. Announcements are hints only: the updater still fetches and
   * verifies the signed timestamp. The stream is dropped when silent for `idleTimeoutMs` (the
   * platform sends a keep-alive every 25 s); `onClose` then fires and the caller reconnects later.
   */
  async openNotifications(handlers: {
    onAnnouncement: (a: Api.VersionAnnouncement, id: string | null) => void;
    onClose: (error: KioskError | null) => void;
    lastEventId?: string | null;
    idleTimeoutMs?: number;
  }): Promise<{ close(): void }> {
    const token = await this.token();
    const url = new URL(`/v1/kiosks/${encodeURIComponent(this.options.kioskId)}/notifications`, this.base);
    const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${token}` };
    if (handlers.lastEventId) headers['Last-Event-ID'] = handlers.lastEventId;
    this.options.onRequest?.({ method: 'GET', path: url.pathname, headers, body: null });
    const make = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const r = make(url, { method: 'GET', headers, agent: false, ...(url.protocol === 'https:' && this.options.caPem ? { ca: this.options.caPem } : {}) });
    let closed = false;
    const finish = (error: KioskError | null) => {
      if (closed) return;
      closed = true;
      clearTimeout(idle);
      r.destroy();
      handlers.onClose(error);
    };
    const idleMs = handlers.idleTimeoutMs ?? 60_000;
    let idle = setTimeout(() => finish(new KioskError('PLATFORM_UNREACHABLE', 'notification stream silent', { status: null, cause: 'timeout' })), this.options.connectTimeoutMs ?? 10_000);
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => finish(new KioskError('PLATFORM_UNREACHABLE', 'notification stream silent', { status: null, cause: 'timeout' })), idleMs);
    };
    r.on('error', (e) => finish(new KioskError('PLATFORM_UNREACHABLE', `notification stream: ${e.message}`, { status: null, cause: 'network' })));
    r.on('response', (res) => {
      if (res.statusCode !== 200) {
        if (res.statusCode === 401) this.access = null;
        res.resume();
        return finish(new KioskError(res.statusCode === 401 ? 'FORBIDDEN' : 'PLATFORM_ERROR', `notification stream: status ${res.statusCode}`, { status: res.statusCode ?? 0, cause: 'http' }));
      }
      touch();
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        touch();
        buffer += chunk;
        if (buffer.length > 64 * 1024) return finish(new KioskError('PLATFORM_ERROR', 'notification event too long', { status: 200, cause: 'too_long' }));
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = parseSseBlock(block);
          if (fields.event !== 'version' || fields.data === null) continue;
          try {
            const a = JSON.parse(fields.data) as Api.VersionAnnouncement;
            if (Number.isInteger(a.timestampVersion) && Number.isInteger(a.catalogueVersion) && Number.isInteger(a.configVersion)) handlers.onAnnouncement(a, fields.id);
          } catch {
            this.log.warn('ignored a malformed notification');
          }
        }
      });
      res.on('end', () => finish(null));
      res.on('error', () => finish(new KioskError('PLATFORM_UNREACHABLE', 'notification stream cut', { status: null, cause: 'network' })));
    });
    r.end();
    return { close: () => finish(null) };
  }

  // ── auth ──────────────────────────────────────────────────────────────────────────────────

  /** Drops the access token (tests; after the credential file changes). */
  forgetToken(): void {
    this.access = null;
  }

  private async token(): Promise<string> {
    if (this.access && this.access.expiresAt > this.options.clock.now()) return this.access.token;
    if (this.refreshToken) {
      const viaRefresh = await this.grant({ grantType: 'refresh_token', refreshToken: this.refreshToken }).catch(() => null);
      if (viaRefresh) return viaRefresh;
    }
    const credential = typeof this.options.credential === 'function' ? this.options.credential() : this.options.credential;
    const viaCredential = await this.grant({ grantType: 'kiosk_credential', credential });
    if (!viaCredential) throw platformError('FORBIDDEN', 'the platform refused this kiosk\'s credential', { status: 401, cause: 'auth' });
    return viaCredential;
  }

  private async grant(body: Record<string, string>): Promise<string | null> {
    const res = await this.send({ method: 'POST', path: `/v1/kiosks/${encodeURIComponent(this.options.kioskId)}/token`, body, auth: false });
    if (res.status === 401 || res.status === 400) {
      this.refreshToken = null;
      return null;
    }
    if (res.status !== 200) throw this.httpError(res, 'token');
    const t = this.json(res) as Api.TokenResponse;
    // Refresh a minute early so a token never expires mid-request.
    this.access = { token: t.accessToken, expiresAt: this.options.clock.now() + Math.max(1, t.expiresIn - 60) * 1000 };
    this.refreshToken = t.refreshToken;
    return t.accessToken;
  }

  private async authorized(req: Send): Promise<RawResponse> {
    const first = await this.send({ ...req, headers: { ...req.headers, Authorization: `Bearer ${await this.token()}` } });
    if (first.status !== 401) return first;
    // The platform forgot or expired our token: get a new one once, then retry once.
    this.access = null;
    return this.send({ ...req, headers: { ...req.headers, Authorization: `Bearer ${await this.token()}` } });
  }

  // ── transport ─────────────────────────────────────────────────────────────────────────────

  private async getJson<T>(path: string, what: string): Promise<T> {
    const res = await this.authorized({ method: 'GET', path });
    if (res.status !== 200) throw this.httpError(res, what);
    return this.json(res) as T;
  }

  private async postJson<T>(path: string, body: unknown, what: string): Promise<T> {
    const res = await this.authorized({ method: 'POST', path, body });
    if (res.status !== 200) throw this.httpError(res, what);
    return this.json(res) as T;
  }

  private json(res: RawResponse): unknown {
    try {
      return JSON.parse(res.body.toString('utf8'));
    } catch {
      throw platformError('PLATFORM_ERROR', 'platform reply is not JSON', { status: res.status, cause: 'body' });
    }
  }

  private jsonOrNull(res: RawResponse): unknown {
    try {
      return JSON.parse(res.body.toString('utf8'));
    } catch {
      return null;
    }
  }

  private httpError(res: RawResponse, what: string): KioskError {
    const retry = retryAfterMs(typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : undefined, this.options.clock.now());
    const body = this.jsonOrNull(res) as { error?: { code?: string } } | null;
    const detail = { status: res.status, cause: 'http', retryAfterMs: retry, platformCode: body?.error?.code ?? null };
    if (res.status === 404) return platformError('RECORD_NOT_FOUND', `${what}: not found`, detail);
    if (res.status === 409) return platformError('NOT_AVAILABLE', `${what}: not available yet`, detail);
    if (res.status === 401) return platformError('FORBIDDEN', `${what}: not authorised`, detail);
    if (res.status === 400 || res.status === 422) return platformError('INVALID_REQUEST', `${what}: refused by the platform (${res.status})`, detail);
    if (res.status === 429 || res.status >= 500) return platformError('PLATFORM_UNREACHABLE', `${what}: platform busy or failing (${res.status})`, detail);
    return platformError('PLATFORM_ERROR', `${what}: unexpected status ${res.status}`, detail);
  }

  private send(req: Send): Promise<RawResponse> {
    const url = new URL(req.path, this.base);
    const body = req.body === undefined ? null : Buffer.from(JSON.stringify(req.body));
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...(body ? { 'Content-Type': 'application/json', 'Content-Length': String(body.byteLength) } : {}),
      ...req.headers,
    };
    this.options.onRequest?.({ method: req.method, path: url.pathname, headers, body });
    const maxBytes = req.maxBytes ?? this.options.maxResponseBytes ?? 4 * 1024 * 1024;
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs ?? 30_000;
    const connectTimeoutMs = this.options.connectTimeoutMs ?? 10_000;
    const fail = (cause: string, message: string) => platformError('PLATFORM_UNREACHABLE', message, { status: null, cause });
    return new Promise<RawResponse>((resolve, reject) => {
      const make = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const r = make(url, {
        method: req.method,
        headers,
        agent: false,
        ...(url.protocol === 'https:' && this.options.caPem ? { ca: this.options.caPem } : {}),
      });
      let settled = false;
      const done = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(total);
        clearTimeout(connect);
        fn();
      };
      // Real timers on purpose: these guard real sockets, whatever clock the caller injects.
      const total = setTimeout(() => {
        done(() => reject(fail('timeout', `${req.method} ${url.pathname}: no answer within ${timeoutMs} ms`)));
        r.destroy();
      }, timeoutMs);
      const connect = setTimeout(() => {
        done(() => reject(fail('connect_timeout', `${req.method} ${url.pathname}: no connection within ${connectTimeoutMs} ms`)));
        r.destroy();
      }, connectTimeoutMs);
      r.on('socket', (s) => {
        if (!s.connecting) clearTimeout(connect);
        else s.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connect));
      });
      r.on('error', (e) => done(() => reject(fail('network', `${req.method} ${url.pathname}: ${e.message}`))));
      r.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        // The caller's cap bounds the payload it asked for; an error answer gets a small cap of its own.
        const cap = res.statusCode === 200 ? maxBytes : Math.max(maxBytes, 64 * 1024);
        res.on('data', (c: Buffer) => {
          size += c.byteLength;
          if (size > cap) {
            done(() => reject(platformError('PLATFORM_ERROR', `${req.method} ${url.pathname}: reply over ${cap} bytes`, { status: res.statusCode ?? 0, cause: 'too_long' })));
            res.destroy();
            r.destroy();
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => done(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })));
        res.on('error', (e) => done(() => reject(fail('network', `${req.method} ${url.pathname}: ${e.message}`))));
        res.on('aborted', () => done(() => reject(fail('network', `${req.method} ${url.pathname}: reply cut off`))));
      });
      r.end(body ?? undefined);
    }).catch((error: unknown) => {
      if (error instanceof KioskError) this.log.debug({ path: url.pathname, code: error.code, detail: error.detail }, 'platform request failed');
      throw error;
    });
  }
}

/** The fields of a platform KioskError's detail the uploader acts on. */
export function failureInfo(error: unknown): { status: number | null; cause: string; retryAfterMs: number | null; limits: Partial<Api.Limits> } {
  if (!(error instanceof KioskError) || !error.detail) return { status: null, cause: 'unknown', retryAfterMs: null, limits: {} };
  const d = error.detail;
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const limits: Partial<Api.Limits> = {};
  if (num(d.maxBatchEvents) !== null) limits.maxBatchEvents = d.maxBatchEvents as number;
  if (num(d.maxBatchBytes) !== null) limits.maxBatchBytes = d.maxBatchBytes as number;
  return { status: num(d.status), cause: typeof d.cause === 'string' ? d.cause : 'unknown', retryAfterMs: num(d.retryAfterMs), limits };
}

/** One server-sent-events block (lines up to a blank line) → its fields; comments are ignored. */
export function parseSseBlock(block: string): { event: string; data: string | null; id: string | null } {
  let event = 'message';
  let id: string | null = null;
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  }
  return { event, data: data.length ? data.join('\n') : null, id };
}

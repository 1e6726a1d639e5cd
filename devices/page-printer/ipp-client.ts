import http from 'node:http';
import https from 'node:https';
import ipp from 'ipp';
import type { IppAttributes } from './ipp-status';
import { PagePrinterError } from './page-printer-error';

// We use the `ipp` package (2.0.1) for what it does well — the IPP message serializer and parser,
// with its attribute/enum tables — and send the bytes ourselves. Its own `Printer.execute`
// transport has no timeout (a printer that accepts the TCP connection and then hangs would hang
// the kiosk), writes to console on any non-200 answer, and uses the deprecated url.parse.

export type IppResponse = {
  statusCode: string;
  operation: IppAttributes;
  printer: IppAttributes;
  jobs: IppAttributes[];
  unsupported: IppAttributes;
};

export type IppClientOptions = {
  /** ipp://host:port/path or ipps://… (http:// and https:// are accepted too). */
  uri: string;
  timeoutMs: number;
};

export class IppClient {
  private readonly url: URL;
  private readonly printerUri: string;
  private nextId = 1;

  constructor(private readonly options: IppClientOptions) {
    this.url = new URL(options.uri);
    const secure = this.url.protocol === 'ipps:' || this.url.protocol === 'https:';
    this.printerUri = `${secure ? 'ipps' : 'ipp'}://${this.url.host}${this.url.pathname}`;
  }

  get uri(): string {
    return this.printerUri;
  }

  /** Send one operation; resolves with any IPP status (callers judge it), rejects `unreachable` on transport failure. */
  async request(
    operation: string,
    operationAttributes: IppAttributes,
    jobAttributes?: IppAttributes,
    data?: Uint8Array,
  ): Promise<IppResponse> {
    const message: Parameters<typeof ipp.serialize>[0] = {
      version: '2.0',
      operation,
      id: this.nextId++,
      'operation-attributes-tag': {
        'attributes-charset': 'utf-8',
        'attributes-natural-language': 'en',
        'printer-uri': this.printerUri,
        ...operationAttributes,
      },
    };
    if (jobAttributes) message['job-attributes-tag'] = jobAttributes;
    if (data) message.data = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    let body: Buffer;
    try {
      body = ipp.serialize(message);
    } catch (err) {
      // The serializer throws strings for unknown attributes.
      throw new PagePrinterError('printerError', `cannot encode ${operation}: ${String(err)}`);
    }
    const reply = await this.post(body);
    let parsed: ReturnType<typeof ipp.parse>;
    try {
      parsed = ipp.parse(reply);
    } catch (err) {
      throw new PagePrinterError('printerError', `unreadable IPP reply to ${operation}: ${String(err)}`);
    }
    return {
      statusCode: String(parsed.statusCode ?? 'unknown'),
      operation: group(parsed['operation-attributes-tag'])[0] ?? {},
      printer: group(parsed['printer-attributes-tag'])[0] ?? {},
      jobs: group(parsed['job-attributes-tag']),
      unsupported: group(parsed['unsupported-attributes-tag'])[0] ?? {},
    };
  }

  private post(body: Buffer): Promise<Buffer> {
    const secure = this.url.protocol === 'ipps:' || this.url.protocol === 'https:';
    const transport = secure ? https : http;
    const port = this.url.port ? Number(this.url.port) : 631;
    return new Promise<Buffer>((resolve, reject) => {
      const req = transport.request(
        {
          host: this.url.hostname,
          port,
          path: this.url.pathname,
          method: 'POST',
          headers: { 'Content-Type': 'application/ipp', 'Content-Length': body.length },
          timeout: this.options.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode !== 200) {
              reject(new PagePrinterError('printerError', `printer answered HTTP ${res.statusCode ?? '?'}`));
            } else {
              resolve(Buffer.concat(chunks));
            }
          });
          res.on('error', (err) => reject(unreachable(err)));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.options.timeoutMs} ms`)));
      req.on('error', (err) => reject(unreachable(err)));
      req.end(body);
    });
  }
}

const unreachable = (err: Error) => new PagePrinterError('unreachable', `printer unreachable: ${err.message}`);

function group(value: unknown): IppAttributes[] {
  if (Array.isArray(value)) return value.filter((v): v is IppAttributes => typeof v === 'object' && v !== null);
  return typeof value === 'object' && value !== null ? [value as IppAttributes] : [];
}

export const isSuccess = (statusCode: string): boolean => statusCode.startsWith('successful-ok');

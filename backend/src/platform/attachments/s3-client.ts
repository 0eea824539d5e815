import { createHash, createHmac } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

// A minimal S3 client (path-style PUT/GET/HEAD with AWS Signature V4), enough for an
// S3-compatible evidence store (MinIO, Ceph, a cloud's object storage) without the AWS SDK.

export interface S3Config {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

export interface SignInput {
  method: string;
  /** Already URI-encoded path. */
  path: string;
  /** Lower-case header names; must include host, x-amz-content-sha256 and x-amz-date. */
  headers: Record<string, string>;
  payloadHash: string;
  /** The canonical query string (sorted, URI-encoded `k=v` joined by `&`); empty when none. */
  query?: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** AWS Signature Version 4 for S3: the Authorization header value. */
export function signV4(input: SignInput): string {
  const amzDate = input.headers['x-amz-date'];
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${input.region}/s3/aws4_request`;
  const names = Object.keys(input.headers).sort();
  const signedHeaders = names.join(';');
  const canonical = [input.method, input.path, input.query ?? '', ...names.map((n) => `${n}:${input.headers[n].trim()}`), '', signedHeaders,
    input.payloadHash].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

export class S3Client {
  readonly name = 's3';

  constructor(private readonly config: S3Config) {}

  /** Signs and sends one request to `/<bucket>[/<key>]`. */
  async request(method: 'GET' | 'PUT' | 'HEAD', key: string | null, body?: Buffer, at = new Date(), params: Record<string, string> = {}): Promise<Response> {
    const url = new URL(this.config.endpoint);
    const path = `${url.pathname.replace(/\/$/, '')}/${this.config.bucket}${key ? `/${key}` : ''}`;
    const payloadHash = sha256(body ?? '');
    const headers = {
      host: url.host,
      'x-amz-content-sha256': payloadHash,
      'x-amz-date': at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, ''),
    };
    const enc = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const query = Object.keys(params).sort().map((k) => `${enc(k)}=${enc(params[k])}`).join('&');
    const authorization = signV4({ method, path: encodePath(path), headers, payloadHash, query, ...this.config });
    return fetch(`${url.origin}${encodePath(path)}${query ? `?${query}` : ''}`, {
      method,
      headers: { 'x-amz-content-sha256': headers['x-amz-content-sha256'], 'x-amz-date': headers['x-amz-date'], authorization },
      body: body ? new Uint8Array(body) : undefined,
    });
  }

  async put(key: string, content: Buffer): Promise<void> {
    const res = await this.request('PUT', key, content);
    if (!res.ok) throw new Error(`S3 PUT ${key} failed: ${res.status} ${await res.text()}`);
  }

  /**
   * PUT of a file on disk, streamed (never held in memory); the payload hash is the content's
   * SHA-256, known from the upload already.
   */
  async putFile(key: string, path: string, sha256Hex: string, size: number, at = new Date()): Promise<void> {
    const url = new URL(this.config.endpoint);
    const objectPath = encodePath(`${url.pathname.replace(/\/$/, '')}/${this.config.bucket}/${key}`);
    const headers: Record<string, string> = {
      host: url.host,
      'x-amz-content-sha256': sha256Hex,
      'x-amz-date': at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, ''),
    };
    const authorization = signV4({ method: 'PUT', path: objectPath, headers, payloadHash: sha256Hex, ...this.config });
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(`${url.origin}${objectPath}`, {
      method: 'PUT',
      headers: { ...headers, authorization, 'content-length': String(size) },
    });
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
    // The response is the authority, not the request stream's own end: stream.pipeline() into a
    // ClientRequest can report ERR_STREAM_PREMATURE_CLOSE when the server answers and closes the
    // connection as the last bytes go out (seen under load with moto), although the PUT succeeded.
    const source = createReadStream(path);
    source.on('error', (e) => req.destroy(e));
    source.pipe(req);
    const res = await answered;
    if (res.status < 200 || res.status >= 300) throw new Error(`S3 PUT ${key} failed: ${res.status} ${res.text}`);
  }

  async get(key: string): Promise<Buffer> {
    const res = await this.request('GET', key);
    if (!res.ok) throw new Error(`S3 GET ${key} failed: ${res.status} ${await res.text()}`);
    return Buffer.from(await res.arrayBuffer());
  }

  /** The keys under a prefix (ListObjectsV2, every page). */
  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const res = await this.request('GET', null, undefined, new Date(), {
        'list-type': '2', prefix, ...(token ? { 'continuation-token': token } : {}),
      });
      const xml = await res.text();
      if (!res.ok) throw new Error(`S3 list ${prefix} failed: ${res.status} ${xml}`);
      const unescape = (v: string) => v.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
      for (const m of xml.matchAll(/<Key>([^<]*)<\/Key>/g)) keys.push(unescape(m[1]));
      token = /<IsTruncated>true<\/IsTruncated>/.test(xml) ? /<NextContinuationToken>([^<]*)<\/NextContinuationToken>/.exec(xml)?.[1] : undefined;
      if (token) token = unescape(token);
    } while (token);
    return keys;
  }

  async exists(key: string): Promise<boolean> {
    const res = await this.request('HEAD', key);
    if (res.status === 404) return false;
    if (!res.ok) throw new Error(`S3 HEAD ${key} failed: ${res.status}`);
    return true;
  }
}

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { startTestApp, type TestApp } from '../support/app.js';
import { USERS } from '../support/tokens.js';

// Issue 15 §4: anonymous clients cannot occupy the API. A body is read only once its sender is known,
// uploads are streamed with the limit enforced as they arrive, and requests are rate-limited.

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: any;
  /** Bytes of the body the client had written when the answer arrived. */
  sentWhenAnswered: number;
}

/**
 * Sends a request whose body is written in chunks, one every few milliseconds, and stops writing
 * as soon as an answer arrives: a server that answers before reading the body is seen doing so.
 */
function slowSend(baseUrl: string, opts: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Total body size; declared as content-length unless chunked. */
  size: number;
  chunked?: boolean;
  chunk?: (offset: number, length: number) => Buffer;
}): Promise<Answer> {
  const chunkSize = 256 * 1024;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (!opts.chunked) headers['content-length'] = String(opts.size);
    const req = httpRequest(`${baseUrl}${opts.path}`, { method: opts.method ?? 'POST', headers });
    let sent = 0;
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const sentWhenAnswered = sent;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : null, sentWhenAnswered });
        req.destroy();
      });
    });
    req.on('error', (err) => { if (!answered) reject(err); });
    const pump = () => {
      if (answered || req.destroyed) return;
      if (sent >= opts.size) return void req.end();
      const n = Math.min(chunkSize, opts.size - sent);
      const buf = opts.chunk ? opts.chunk(sent, n) : Buffer.alloc(n, 0x20);
      sent += n;
      req.write(buf, () => setTimeout(pump, 5));
    };
    pump();
  });
}

/** One multipart/form-data body with the file field `file`, of exactly `content`. */
function multipart(filename: string, content: Buffer): { body: Buffer; type: string } {
  const boundary = 'fundsup-test-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

function pdfOf(size: number): Buffer {
  const pdf = Buffer.alloc(size, 0x20);
  pdf.write('%PDF-1.7\n');
  return pdf;
}

const bilingual = (body: any) => {
  expect(body.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(body.error.message.en).toMatch(/[a-z]/);
};

describe('without rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  describe('a body is read only once its sender is known', () => {
    const size = 30 * 1024 * 1024;

    it('an anonymous 30 MB draw record is refused 401 before the server reads it', async () => {
      const started = performance.now();
      const res = await slowSend(t.baseUrl, { path: '/api/spot-checks/verify', size, headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('missing_token');
      bilingual(res.body);
      // answered while most of the body was still unsent, and quickly
      expect(res.sentWhenAnswered).toBeLessThan(size / 4);
      expect(performance.now() - started).toBeLessThan(3_000);
    });

    it('so is one with a forged token', async () => {
      const res = await slowSend(t.baseUrl, {
        path: '/api/spot-checks/verify',
        size,
        headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
      });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid_token');
      expect(res.sentWhenAnswered).toBeLessThan(size / 4);
    });

    it('and an anonymous upload, and any other route that is not public', async () => {
      for (const path of ['/api/attachments', '/api/notices', '/api/no-such-route']) {
        const res = await slowSend(t.baseUrl, { path, size, headers: { 'content-type': 'application/octet-stream' } });
        expect([path, res.status]).toEqual([path, 401]);
        expect(res.sentWhenAnswered).toBeLessThan(size / 4);
      }
    });

    it('public routes still answer without a token, and a signed-in user still reaches the API', async () => {
      expect((await t.call(null, 'GET', '/api/config')).status).toBe(200);
      expect((await t.call(null, 'GET', '/api/docs/json')).status).toBe(200);
      expect((await t.call(USERS.xuanwu, 'GET', '/api/notices')).status).toBe(200);
    });
  });

  describe('evidence uploads are streamed with the limit enforced as they arrive', () => {
    // testConfig: attachmentMaxBytes = 1 MiB
    const max = 1024 * 1024;
    const upload = async (content: Buffer) => {
      const { body, type } = multipart('现场记录.pdf', content);
      const res = await fetch(`${t.baseUrl}/api/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await t.keys.token(USERS.xuanwu)}`, 'content-type': type },
        body: new Uint8Array(body),
      });
      return { status: res.status, body: (await res.json()) as any };
    };

    it('a file of exactly the limit is stored, with the hash of its bytes', async () => {
      const pdf = pdfOf(max);
      const res = await upload(pdf);
      expect(res.status).toBe(201);
      expect(res.body.sizeBytes).toBe(max);
      const { createHash } = await import('node:crypto');
      expect(res.body.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    });

    it('one byte more is refused 413 with a bilingual message', async () => {
      const res = await upload(pdfOf(max + 1));
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('attachment_too_large');
      bilingual(res.body);
    });

    it('a chunked upload (no declared length) is cut off at the limit too', async () => {
      const { body, type } = multipart('big.pdf', pdfOf(3 * max));
      const res = await slowSend(t.baseUrl, {
        path: '/api/attachments',
        size: body.length,
        chunked: true,
        chunk: (offset, length) => body.subarray(offset, offset + length),
        headers: { authorization: `Bearer ${await t.keys.token(USERS.xuanwu)}`, 'content-type': type },
      });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('attachment_too_large');
    });

    it('a body declared larger than the limit is refused before it is sent', async () => {
      const size = 30 * 1024 * 1024;
      const res = await slowSend(t.baseUrl, {
        path: '/api/attachments',
        size,
        headers: { authorization: `Bearer ${await t.keys.token(USERS.xuanwu)}`, 'content-type': 'multipart/form-data; boundary=x' },
      });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('attachment_too_large');
      expect(res.sentWhenAnswered).toBeLessThan(size / 4);
    });
  });
});

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    // 3 at once, then one every 20 s (per address when anonymous, per user when signed in)
    t = await startTestApp({ rateLimits: { anonymousPerMinute: 3, anonymousBurst: 3, userPerMinute: 3, userBurst: 3 } });
  });
  afterAll(() => t?.close());

  it('an anonymous address gets 429 with Retry-After and a bilingual message beyond its burst', async () => {
    for (let i = 0; i < 3; i++) expect((await t.call(null, 'GET', '/api/config')).status).toBe(200);
    const res = await fetch(`${t.baseUrl}/api/config`);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(20);
    const body = (await res.json()) as any;
    expect(body.error.code).toBe('rate_limited');
    bilingual(body);
    // requests without a valid token count against the address as well
    expect((await t.call(null, 'GET', '/api/notices')).status).toBe(429);
  });

  it('a signed-in user is limited on their own, not by the address they share', async () => {
    for (let i = 0; i < 3; i++) expect((await t.call(USERS.xuanwu, 'GET', '/api/notices')).status).toBe(200);
    const res = await t.call(USERS.xuanwu, 'GET', '/api/notices');
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
    // another user from the same address is not affected
    expect((await t.call(USERS.gusu, 'GET', '/api/notices')).status).toBe(200);
  });
});

import type { INestApplication } from '@nestjs/common';
import type pg from 'pg';
import { DEFAULT_PDF_FONT, type AppConfig } from '../../src/platform/config/config.js';
import { createHttpApp } from '../../src/http-app.js';
import { JsonLogger } from '../../src/platform/logging/logger.js';
import { APP_PASSWORD, createTestDatabase, ownerQuery, type TestDatabase } from './database.js';
import { TEST_AUDIENCE, TEST_ISSUER, TestKeys, type TestUser } from './tokens.js';

export interface TestApp {
  app: INestApplication;
  db: TestDatabase;
  keys: TestKeys;
  config: AppConfig;
  baseUrl: string;
  call(user: TestUser | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export function testConfig(db: TestDatabase, extra: Partial<AppConfig> = {}): AppConfig {
  return {
    port: 0,
    databaseUrl: db.ownerUrl,
    appDatabaseUrl: db.appUrl,
    appDatabasePassword: APP_PASSWORD,
    temporalAddress: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:1',
    temporalNamespace: 'default',
    temporalTaskQueue: `test-${db.name}`,
    oidcIssuerUrl: TEST_ISSUER,
    oidcPublicIssuerUrl: TEST_ISSUER,
    oidcAudience: TEST_AUDIENCE,
    oidcWebClientId: 'fundsup-web',
    attachmentsDir: `/tmp/fundsup-test-attachments/${db.name}`,
    attachmentMaxBytes: 1024 * 1024,
    s3: null,
    smtpUrl: null,
    smtpFrom: 'test@localhost',
    frontendDir: null,
    pdfFontPath: process.env.PDF_FONT_PATH || DEFAULT_PDF_FONT.path,
    pdfFontName: process.env.PDF_FONT_NAME || DEFAULT_PDF_FONT.name,
    outboxPollMs: 60_000,
    outboxRelayEnabled: false,
    // integration tests drain the dashboards' projector themselves
    projectorEnabled: false,
    logLevel: 'warn',
    campaignCalendar: 'statutory',
    ...extra,
  };
}

/** The real HTTP app on a real database, with tokens signed by a local test key. */
export async function startTestApp(extra: Partial<AppConfig> = {}, scale: 'demo' | 'benchmark' = 'demo'): Promise<TestApp> {
  const db = await createTestDatabase(scale);
  const keys = await TestKeys.create();
  const config = testConfig(db, extra);
  const app = await createHttpApp(config, { tokenKeys: keys.getKey, logger: new JsonLogger('warn') });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    db,
    keys,
    config,
    baseUrl,
    async call(user, method, path, body) {
      const headers: Record<string, string> = {};
      if (user) headers.authorization = `Bearer ${await keys.token(user)}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/**
 * A spec file's app: started before the file's tests (`started` receives it) and closed after them;
 * a benchmark names its seed's scale and the time starting and closing may take. Returns `owner`, a
 * query as the tables' owner, and `count`, the number a one-value query answers.
 */
export function withTestApp(
  started: (t: TestApp) => void,
  extra: Partial<AppConfig> = {},
  { scale = 'demo', startMs, closeMs }: { scale?: 'demo' | 'benchmark'; startMs?: number; closeMs?: number } = {},
) {
  let t: TestApp | undefined;
  beforeAll(async () => {
    t = await startTestApp(extra, scale);
    started(t);
  }, startMs);
  afterAll(() => t?.close(), closeMs);
  const owner = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> => ownerQuery<T>(t!.db, sql, params);
  const count = async (sql: string, params: unknown[] = []): Promise<number> => {
    const [r] = await owner<Record<string, string>>(sql, params);
    return Number(Object.values(r!)[0]);
  };
  return { owner, count };
}

/** Uploads a small PDF named `name` as the user and returns its attachment id; the upload must succeed. */
export async function uploadPdf(t: TestApp, user: TestUser, name: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(Buffer.from(`%PDF-1.7\n${name}\n%%EOF`))]), name);
  const res = await fetch(`${t.baseUrl}/api/attachments`, { method: 'POST', headers: { authorization: `Bearer ${await t.keys.token(user)}` }, body: form });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

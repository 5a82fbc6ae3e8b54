/**
 * The e2e harness: boots the real all-in-one app (the module `npm start` runs,
 * src/all-in-one.host.ts) on a temp data dir and a free port.
 *
 *   const app = await startApp({ clock: new FixedClock('2026-01-05T09:00:00Z') });
 *   const admin = app.token('admin');
 *   await app.http.post('/api/v1/dealers').set('Authorization', admin).send({...}).expect(201);
 *   await app.caughtUp();                 // read models have applied every event so far
 *   const again = await app.restart();    // same data dir, new process state
 *   await again.stop();                   // closes and deletes the temp dir
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import supertest from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Clock, Role } from '@aftercare/kernel';
import { EVENT_STORE, EventStore } from '@aftercare/event-store';
import { READ_STORE, ReadStore } from '@aftercare/read-store';
import { ContextDefinition, loadConfig, TokenService } from '@aftercare/platform';
import { createAllInOneApp } from '../../src/all-in-one.host';
import { ProjectionHost } from '../../apps/projector/src/projection-host.service';

// Booting Nest and SQLite takes a second or two; jest's 5 s default is too tight on a busy CI machine.
jest.setTimeout(60_000);

export interface StartOptions {
  /** Business time for the commands (FixedClock to move it by hand); default the system clock. */
  clock?: Clock;
  /** Reuse a data dir (restart scenarios); default a new temp dir, deleted by stop(). */
  dataDir?: string;
  /** Extra environment for loadConfig, e.g. { LOG_LEVEL: 'info' }. */
  env?: Record<string, string>;
  /** Contexts to run; default every context of apps/api/src/contexts.ts. */
  contexts?: readonly ContextDefinition[];
}

export interface TokenOptions {
  /** Required for dealer roles. */
  dealerId?: string;
  /** Required for OEM roles. */
  region?: string;
  /** Person id; default `<role>-1`. */
  sub?: string;
  expiresInSeconds?: number;
}

export interface E2eApp {
  /** supertest bound to the running server: app.http.get('/api/v1/dealers'). */
  http: ReturnType<typeof supertest>;
  /** `Bearer <jwt>` for the Authorization header. */
  token(role: Role, options?: TokenOptions): string;
  /** Resolves when every projection and reaction has handled every event appended so far. */
  caughtUp(): Promise<void>;
  eventStore: EventStore;
  readStore: ReadStore;
  app: NestFastifyApplication;
  baseUrl: string;
  dataDir: string;
  clock?: Clock;
  /** Stops and boots again on the same data dir (and clock). */
  restart(): Promise<E2eApp>;
  /** Stops the app; deletes the data dir if the harness created it. */
  stop(): Promise<void>;
}

export async function startApp(options: StartOptions = {}): Promise<E2eApp> {
  const ownsDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'aftercare-e2e-'));
  return boot({ ...options, dataDir }, ownsDir);
}

async function boot(options: StartOptions & { dataDir: string }, ownsDir: boolean): Promise<E2eApp> {
  const config = loadConfig({ LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', ...options.env, AFTERCARE_DATA_DIR: options.dataDir });
  const app = await createAllInOneApp({ config, clock: options.clock, contexts: options.contexts });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const tokens = app.get(TokenService);
  const projector = app.get(ProjectionHost);
  let stopped = false;
  const stop = async (removeDir: boolean) => {
    if (stopped) return;
    stopped = true;
    await app.close();
    if (removeDir) fs.rmSync(options.dataDir, { recursive: true, force: true });
  };
  return {
    http: supertest(baseUrl),
    token: (role, t = {}) =>
      `Bearer ${tokens.issue({ sub: t.sub ?? `${role}-1`, role, dealerId: t.dealerId, region: t.region }, { expiresInSeconds: t.expiresInSeconds })}`,
    caughtUp: () => projector.waitForCatchUp(undefined, { timeoutMs: 20_000 }),
    eventStore: app.get<EventStore>(EVENT_STORE),
    readStore: app.get<ReadStore>(READ_STORE),
    app,
    baseUrl,
    dataDir: options.dataDir,
    clock: options.clock,
    restart: async () => {
      await stop(false);
      return boot(options, ownsDir);
    },
    stop: () => stop(ownsDir),
  };
}

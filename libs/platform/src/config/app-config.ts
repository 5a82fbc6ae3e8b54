import * as path from 'path';

/**
 * The process configuration, read once at the composition root and validated there:
 * a bad value stops boot with a message naming the variable (STYLE.md "Errors,
 * config, comments"). Nothing else reads process.env.
 */
export interface AppConfig {
  eventStore: 'sqlite' | 'eventstoredb';
  readStore: 'sqlite' | 'mongodb';
  /** Where the embedded SQLite files live (events.db, read-models.db). */
  dataDir: string;
  eventStoreUrl: string | null;
  mongodbUrl: string | null;
  host: string;
  port: number;
  projectorPort: number;
  jwtSecret: string;
  /** True when no AFTERCARE_JWT_SECRET was given: only allowed outside production. */
  jwtSecretIsDevDefault: boolean;
  logLevel: LogLevel;
  production: boolean;
  /** Largest accepted request body in bytes (beyond it: 413). */
  bodyLimit: number;
  /** `iss` and `aud` every bearer token must carry; clock skew tolerated on exp/nbf/iat. */
  jwt: { issuer: string; audience: string; clockSkewSeconds: number };
  /** Requests per minute per token subject; beyond it 429 with Retry-After. 0: no limit. */
  rateLimitPerMinute: number;
  /** GraphQL: deepest selection and highest estimated cost of one operation (beyond: 400). */
  graphql: { maxDepth: number; maxCost: number };
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const APP_CONFIG = Symbol('AppConfig');

/**
 * Known only to this repository: tokens signed with it are worthless outside a
 * developer's machine, which is why production refuses to boot without a secret.
 */
export const DEV_JWT_SECRET = 'aftercare-dev-secret-do-not-use-in-production';

/** One line per bad variable, so an operator fixes them all in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Every variable the product reads, with its default; the README's config table mirrors it. */
export const CONFIG_VARIABLES: { name: string; default: string; meaning: string }[] = [
  { name: 'AFTERCARE_EVENT_STORE', default: 'sqlite', meaning: 'event store adapter: sqlite | eventstoredb' },
  { name: 'AFTERCARE_READ_STORE', default: 'sqlite', meaning: 'read-model store adapter: sqlite | mongodb' },
  { name: 'AFTERCARE_DATA_DIR', default: './data', meaning: 'folder of the embedded SQLite files' },
  { name: 'EVENTSTORE_URL', default: '', meaning: 'EventStoreDB connection string (required with eventstoredb)' },
  { name: 'MONGODB_URL', default: '', meaning: 'MongoDB connection string with the database name (required with mongodb)' },
  { name: 'HOST', default: '0.0.0.0', meaning: 'interface the HTTP servers listen on' },
  { name: 'PORT', default: '3000', meaning: 'API port (the all-in-one host serves everything here)' },
  { name: 'PROJECTOR_PORT', default: '3001', meaning: 'port of the projector host: /health /ready /metrics' },
  { name: 'AFTERCARE_JWT_SECRET', default: '(dev secret)', meaning: 'HS256 secret for bearer tokens; required when NODE_ENV=production' },
  { name: 'LOG_LEVEL', default: 'info', meaning: `pino level: ${LOG_LEVELS.join(' | ')}` },
  { name: 'AFTERCARE_BODY_LIMIT', default: '1048576', meaning: 'largest request body in bytes (larger: 413)' },
  { name: 'AFTERCARE_JWT_ISSUER', default: 'aftercare', meaning: 'iss every bearer token must carry' },
  { name: 'AFTERCARE_JWT_AUDIENCE', default: 'aftercare-api', meaning: 'aud every bearer token must carry' },
  { name: 'AFTERCARE_JWT_CLOCK_SKEW', default: '60', meaning: 'seconds of clock difference tolerated on exp/nbf/iat (0-300)' },
  { name: 'AFTERCARE_RATE_LIMIT', default: '60000', meaning: 'requests per minute per token subject (more: 429 with Retry-After); 0 turns it off' },
  { name: 'AFTERCARE_GRAPHQL_MAX_DEPTH', default: '10', meaning: 'deepest GraphQL selection accepted (deeper: 400)' },
  { name: 'AFTERCARE_GRAPHQL_MAX_COST', default: '10000', meaning: 'highest estimated GraphQL cost accepted (fields × list sizes; higher: 400)' },
  { name: 'NODE_ENV', default: '', meaning: 'production forbids the dev JWT secret' },
];

export function loadConfig(env: Record<string, string | undefined> = process.env, cwd: string = process.cwd()): AppConfig {
  const problems: { variable: string; message: string }[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = value(name);
    if (v === undefined) return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    problems.push({ variable: name, message: `"${v}" is not one of ${allowed.join(', ')}` });
    return fallback;
  };
  const port = (name: string, fallback: number): number => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < 0 || n > 65535) {
      problems.push({ variable: name, message: `"${v}" is not a port number (0-65535)` });
      return fallback;
    }
    return n;
  };
  const url = (name: string, schemes: string[], required: boolean, why: string): string | null => {
    const v = value(name);
    if (v === undefined) {
      if (required) problems.push({ variable: name, message: `is required ${why}` });
      return null;
    }
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(v)?.[1]?.toLowerCase();
    if (!scheme || !schemes.includes(scheme)) {
      problems.push({ variable: name, message: `"${redact(v)}" must start with ${schemes.map((s) => `${s}://`).join(' or ')}` });
    }
    return v;
  };

  const eventStore = oneOf('AFTERCARE_EVENT_STORE', ['sqlite', 'eventstoredb'] as const, 'sqlite');
  const readStore = oneOf('AFTERCARE_READ_STORE', ['sqlite', 'mongodb'] as const, 'sqlite');
  const eventStoreUrl = url('EVENTSTORE_URL', ['esdb', 'esdb+discover'], eventStore === 'eventstoredb', 'when AFTERCARE_EVENT_STORE=eventstoredb');
  const mongodbUrl = url('MONGODB_URL', ['mongodb', 'mongodb+srv'], readStore === 'mongodb', 'when AFTERCARE_READ_STORE=mongodb');
  const production = value('NODE_ENV') === 'production';

  const secret = value('AFTERCARE_JWT_SECRET');
  if (secret === undefined && production) {
    problems.push({ variable: 'AFTERCARE_JWT_SECRET', message: 'is required when NODE_ENV=production (the dev secret is public)' });
  } else if (secret !== undefined && secret.length < 16) {
    // HS256 with a short secret is brute-forceable offline from any token.
    problems.push({ variable: 'AFTERCARE_JWT_SECRET', message: 'must be at least 16 characters' });
  }

  const bodyLimitRaw = value('AFTERCARE_BODY_LIMIT');
  let bodyLimit = 1_048_576;
  if (bodyLimitRaw !== undefined) {
    if (!/^\d+$/.test(bodyLimitRaw) || Number(bodyLimitRaw) < 1024) {
      problems.push({ variable: 'AFTERCARE_BODY_LIMIT', message: `"${bodyLimitRaw}" is not a byte count of at least 1024` });
    } else bodyLimit = Number(bodyLimitRaw);
  }

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const v = value(name);
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      problems.push({ variable: name, message: `"${v}" is not a whole number from ${min} to ${max}` });
      return fallback;
    }
    return Number(v);
  };
  const text = (name: string, fallback: string): string => value(name) ?? fallback;

  const config: AppConfig = {
    eventStore,
    readStore,
    dataDir: path.resolve(cwd, value('AFTERCARE_DATA_DIR') ?? './data'),
    eventStoreUrl,
    mongodbUrl,
    host: value('HOST') ?? '0.0.0.0',
    port: port('PORT', 3000),
    projectorPort: port('PROJECTOR_PORT', 3001),
    jwtSecret: secret ?? DEV_JWT_SECRET,
    jwtSecretIsDevDefault: secret === undefined,
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    production,
    bodyLimit,
    jwt: {
      issuer: text('AFTERCARE_JWT_ISSUER', 'aftercare'),
      audience: text('AFTERCARE_JWT_AUDIENCE', 'aftercare-api'),
      clockSkewSeconds: integer('AFTERCARE_JWT_CLOCK_SKEW', 60, 0, 300),
    },
    rateLimitPerMinute: integer('AFTERCARE_RATE_LIMIT', 60_000, 0, 100_000_000),
    graphql: {
      maxDepth: integer('AFTERCARE_GRAPHQL_MAX_DEPTH', 10, 2, 100),
      maxCost: integer('AFTERCARE_GRAPHQL_MAX_COST', 10_000, 10, 100_000_000),
    },
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** Connection strings may carry passwords; error messages must not. */
function redact(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}

import path from 'node:path';

/**
 * Configuration, read once from the environment of the public contract (DESIGN.md), validated
 * and frozen. Nothing else reads `process.env`; behaviour never switches on NODE_ENV.
 */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** The URL platforms and browsers use, without a trailing slash. Every absolute URL derives from it. */
  readonly publicUrl: string;
  readonly dataDir: string;
  /** `postgres://…` to use PostgreSQL; undefined for the embedded database in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly ltiOpenRegistration: boolean;
  readonly lrsSeedCredential: { readonly key: string; readonly secret: string } | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const PORT_DEFAULT = 3000;
const HOST_DEFAULT = '127.0.0.1';
const LRS_SECRET_LENGTH_MIN = 12;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

type Environment = Readonly<Record<string, string | undefined>>;

export function readConfig(environment: Environment, workingDirectory: string): Config {
  const port = readPort(environment.PORT);
  const host = nonEmpty(environment.HOST) ?? HOST_DEFAULT;
  const publicUrl = readPublicUrl(environment.PUBLIC_URL, port);
  const dataDir = path.resolve(workingDirectory, nonEmpty(environment.DATA_DIR) ?? './data');
  const databaseUrl = readDatabaseUrl(environment.DATABASE_URL);
  const config: Config = {
    port,
    host,
    publicUrl,
    dataDir,
    databaseUrl,
    ltiOpenRegistration: readBoolean('LTI_OPEN_REGISTRATION', environment.LTI_OPEN_REGISTRATION),
    lrsSeedCredential: readLrsSeed(environment.LRS_API_KEY, environment.LRS_API_SECRET),
    logLevel: readLogLevel(environment.LOG_LEVEL),
  };
  return Object.freeze(config);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function readPort(raw: string | undefined): number {
  const value = nonEmpty(raw);
  if (value === undefined) return PORT_DEFAULT;
  // Port 0 is allowed on purpose: tests ask the system for a free port.
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${value}". Example: PORT=3000`);
  }
  return Number(value);
}

function readPublicUrl(raw: string | undefined, port: number): string {
  const value = nonEmpty(raw) ?? `http://127.0.0.1:${port}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an absolute http(s) URL, not "${value}". Example: PUBLIC_URL=https://academy.example.org`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`PUBLIC_URL must use http or https, not "${url.protocol}"`);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new ConfigError('PUBLIC_URL must not carry a query, a fragment or credentials');
  }
  return url.href.replace(/\/+$/, '');
}

function readDatabaseUrl(raw: string | undefined): string | undefined {
  const value = nonEmpty(raw);
  if (value === undefined) return undefined;
  if (!/^postgres(ql)?:\/\//.test(value)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql:// (unset it to use the embedded database)');
  }
  return value;
}

function readBoolean(name: string, raw: string | undefined): boolean {
  const value = nonEmpty(raw)?.toLowerCase();
  if (value === undefined || value === 'false' || value === '0' || value === 'no') return false;
  if (value === 'true' || value === '1' || value === 'yes') return true;
  throw new ConfigError(`${name} must be true or false, not "${raw}"`);
}

function readLrsSeed(rawKey: string | undefined, rawSecret: string | undefined): Config['lrsSeedCredential'] {
  const key = nonEmpty(rawKey);
  const secret = nonEmpty(rawSecret);
  if (key === undefined && secret === undefined) return undefined;
  if (key === undefined || secret === undefined) {
    throw new ConfigError('LRS_API_KEY and LRS_API_SECRET must be set together (or both left unset)');
  }
  if (!/^[A-Za-z0-9._~-]{1,128}$/.test(key)) {
    throw new ConfigError('LRS_API_KEY may only use letters, digits and . _ ~ - (at most 128 characters)');
  }
  if (secret.length < LRS_SECRET_LENGTH_MIN) {
    throw new ConfigError(`LRS_API_SECRET must be at least ${LRS_SECRET_LENGTH_MIN} characters long`);
  }
  return Object.freeze({ key, secret });
}

function readLogLevel(raw: string | undefined): Config['logLevel'] {
  const value = nonEmpty(raw) ?? 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === value);
  if (level === undefined) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${value}"`);
  return level;
}

import { describe, expect, it } from 'vitest';

import { ConfigError, readConfig } from './config.ts';

describe('readConfig', () => {
  it('uses the contract defaults', () => {
    const config = readConfig({}, '/srv/tool');
    expect(config).toEqual({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:3000',
      dataDir: '/srv/tool/data',
      databaseUrl: undefined,
      ltiOpenRegistration: false,
      lrsSeedCredential: undefined,
      logLevel: 'info',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('derives PUBLIC_URL from PORT and strips a trailing slash from a given one', () => {
    expect(readConfig({ PORT: '8080' }, '/').publicUrl).toBe('http://127.0.0.1:8080');
    expect(readConfig({ PUBLIC_URL: 'https://academy.example.org/tool/' }, '/').publicUrl).toBe('https://academy.example.org/tool');
  });

  it('reads every variable of the contract', () => {
    const config = readConfig(
      {
        PORT: '0',
        HOST: '0.0.0.0',
        DATA_DIR: 'var/data',
        DATABASE_URL: 'postgres://tool@db:5432/eacademy',
        LTI_OPEN_REGISTRATION: 'true',
        LRS_API_KEY: 'key-1',
        LRS_API_SECRET: 'a-secret-of-length',
      },
      '/srv',
    );
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/srv/var/data',
      databaseUrl: 'postgres://tool@db:5432/eacademy',
      ltiOpenRegistration: true,
      lrsSeedCredential: { key: 'key-1', secret: 'a-secret-of-length' },
    });
  });

  it.each([
    [{ PORT: '70000' }, /PORT must be a whole number/],
    [{ PORT: '-1' }, /PORT must be a whole number/],
    [{ PUBLIC_URL: 'academy.example.org' }, /PUBLIC_URL must be an absolute/],
    [{ PUBLIC_URL: 'ftp://academy.example.org' }, /PUBLIC_URL must use http or https/],
    [{ PUBLIC_URL: 'https://academy.example.org/?x=1' }, /must not carry a query/],
    [{ DATABASE_URL: 'mysql://db/x' }, /DATABASE_URL must start with postgres/],
    [{ LTI_OPEN_REGISTRATION: 'maybe' }, /LTI_OPEN_REGISTRATION must be true or false/],
    [{ LRS_API_KEY: 'only-key' }, /must be set together/],
    [{ LRS_API_KEY: 'k', LRS_API_SECRET: 'short' }, /at least 12 characters/],
    [{ LRS_API_KEY: 'bad key', LRS_API_SECRET: 'long-enough-secret' }, /LRS_API_KEY may only use/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
  ])('refuses %o with a message that says how to fix it', (environment, message) => {
    expect(() => readConfig(environment, '/')).toThrow(ConfigError);
    expect(() => readConfig(environment, '/')).toThrow(message);
  });
});

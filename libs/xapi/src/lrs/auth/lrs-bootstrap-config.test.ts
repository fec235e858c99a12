import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#libs/config';

describe('LRS_BOOTSTRAP_KEY / LRS_BOOTSTRAP_SECRET', () => {
  it('are read together', () => {
    const config = loadConfig({ LRS_BOOTSTRAP_KEY: 'demo-key', LRS_BOOTSTRAP_SECRET: 'demo:secret' });
    expect(config).toMatchObject({ lrsBootstrapKey: 'demo-key', lrsBootstrapSecret: 'demo:secret' });
    expect(loadConfig({})).toMatchObject({ lrsBootstrapKey: undefined, lrsBootstrapSecret: undefined });
  });

  it('name the missing one when only one is set', () => {
    expect(() => loadConfig({ LRS_BOOTSTRAP_KEY: 'demo-key' })).toThrow(
      /LRS_BOOTSTRAP_SECRET is required when the other/,
    );
    expect(() => loadConfig({ LRS_BOOTSTRAP_SECRET: 's' })).toThrow(/LRS_BOOTSTRAP_KEY is required when the other/);
  });

  it('refuse a key that cannot be an HTTP Basic user name', () => {
    expect(() => loadConfig({ LRS_BOOTSTRAP_KEY: 'a:b', LRS_BOOTSTRAP_SECRET: 's' })).toThrow(ConfigError);
    expect(() => loadConfig({ LRS_BOOTSTRAP_KEY: 'a:b', LRS_BOOTSTRAP_SECRET: 's' })).toThrow(
      /LRS_BOOTSTRAP_KEY must be 1-200 letters/,
    );
  });
});

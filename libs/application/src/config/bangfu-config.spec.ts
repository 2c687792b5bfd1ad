import { ConfigurationError, loadConfig } from './bangfu-config';

describe('configuration from the environment', () => {
  it('defaults to the embedded store in ./data on port 3000', () => {
    expect(loadConfig({})).toMatchObject({
      store: 'sqlite',
      port: 3000,
      sqliteSynchronous: 'FULL',
      demo: true,
      viewsThread: 'thread',
      commitThread: 'thread',
    });
  });

  it('takes EventStoreDB with its URL, and refuses it without one', () => {
    expect(loadConfig({ BANGFU_STORE: 'esdb', BANGFU_ESDB_URL: 'esdb+discover://n1:2113,n2:2113?tls=false' })).toMatchObject({
      store: 'esdb',
      esdbUrl: 'esdb+discover://n1:2113,n2:2113?tls=false',
    });
    expect(() => loadConfig({ BANGFU_STORE: 'esdb' })).toThrow(/BANGFU_ESDB_URL/);
    expect(() => loadConfig({ BANGFU_STORE: 'esdb', BANGFU_ESDB_URL: 'http://x' })).toThrow(ConfigurationError);
  });

  it('refuses values it cannot use, naming the variable', () => {
    expect(() => loadConfig({ BANGFU_STORE: 'postgres' })).toThrow(/BANGFU_STORE/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ BANGFU_SQLITE_SYNCHRONOUS: 'sometimes' })).toThrow(/BANGFU_SQLITE_SYNCHRONOUS/);
    expect(() => loadConfig({ BANGFU_RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(/BANGFU_RATE_LIMIT_PER_MINUTE/);
    expect(() => loadConfig({ BANGFU_VIEWS_THREAD: 'worker' })).toThrow(/BANGFU_VIEWS_THREAD must be thread, inline/);
    expect(() => loadConfig({ BANGFU_COMMIT_THREAD: 'yes' })).toThrow(/BANGFU_COMMIT_THREAD must be thread, inline/);
  });
});

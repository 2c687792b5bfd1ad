import { checkpointKeyWarning } from './key-placement';

describe('where the checkpoint key lives', () => {
  const dataDir = '/var/lib/bangfu';

  it('given the data dir’s own key and a network address, when the API starts, then it warns and says what to do', () => {
    expect(checkpointKeyWarning({ host: '0.0.0.0', dataDir })).toMatch(/beside the log it protects.*BANGFU_CHECKPOINT_KEY/);
    expect(checkpointKeyWarning({ host: '10.20.0.5', dataDir })).toMatch(/serving 10\.20\.0\.5/);
  });

  it('given loopback, or a key kept elsewhere, then it says nothing', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1']) expect(checkpointKeyWarning({ host, dataDir })).toBeUndefined();
    expect(checkpointKeyWarning({ host: '0.0.0.0', dataDir, checkpointKey: '/run/secrets/checkpoint.pem' })).toBeUndefined();
  });
});

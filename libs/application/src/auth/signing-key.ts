import type { BangfuConfig } from '../config/bangfu-config';
import { loadOrCreateSecret, loadPrivateKey, type SigningKey } from './jwt';

/** The key bangfu signs its own tokens with: the operator's Ed25519 key when configured, else the data dir's HS256 secret. */
export function ownSigningKey(config: BangfuConfig): string | SigningKey {
  return config.jwtPrivateKey ? { privateKey: loadPrivateKey(config.jwtPrivateKey) } : loadOrCreateSecret(config.dataDir, config.jwtSecret);
}

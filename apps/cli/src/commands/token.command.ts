import { ROLES, isInternalActorId, isJurisdictionCode } from '@bangfu/domain';
import { loadConfig, ownSigningKey, parseTtl, signToken } from '@bangfu/application';
import { type ParsedArgs, UsageError, flag, flags, onlyFlags } from '../args';

export const tokenUsage = `bangfu token issue --sub ID --role ROLE [--role ROLE…] --region CODE [--name NAME] [--unit UNIT] [--ttl 8h]
  Prints a bearer token: EdDSA with BANGFU_JWT_PRIVATE_KEY if set, else HS256 with the data dir's secret.`;

export function tokenCommand(args: ParsedArgs): number {
  if (args.positional[1] !== 'issue') throw new UsageError(tokenUsage);
  onlyFlags(args, ['sub', 'name', 'role', 'region', 'unit', 'ttl']);
  const roles = flags(args, 'role');
  if (roles.length === 0) throw new UsageError('--role is required');
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length) throw new UsageError(`unknown role ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
  const region = flag(args, 'region');
  if (!isJurisdictionCode(region)) throw new UsageError('--region must be a 6, 9 or 12-digit division code (000000 for the whole country)');
  if (isInternalActorId(flag(args, 'sub'))) throw new UsageError(`--sub ${flag(args, 'sub')} is reserved for the system's own actors`);
  let ttlSeconds: number;
  try {
    ttlSeconds = parseTtl(flag(args, 'ttl', '8h'));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const key = ownSigningKey(loadConfig());
  const unit = args.flags.has('unit') ? flag(args, 'unit') : undefined;
  const name = args.flags.has('name') ? flag(args, 'name') : undefined;
  console.log(signToken({ sub: flag(args, 'sub'), name, roles, region, unit, ttlSeconds }, key));
  return 0;
}

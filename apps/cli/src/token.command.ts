import { DEALER_ROLES, isDealerRole, isOemRole, isRole, OEM_ROLES, OTHER_ROLES } from '@aftercare/kernel';
import { loadConfig, TokenService } from '@aftercare/platform';

const USAGE = `usage: npm run -s token -- --role <role> [--dealer <dealerId>] [--region <region>] [--sub <person id>] [--ttl <seconds|30m|8h|7d>]

  dealer roles need --dealer:  ${DEALER_ROLES.join(', ')}
  OEM roles need --region:     ${OEM_ROLES.join(', ')}
  others:                      ${OTHER_ROLES.join(', ')}

Signs with AFTERCARE_JWT_SECRET (the development secret when unset); prints the token alone on stdout.`;

export class UsageError extends Error {}

export interface TokenArgs {
  role: string;
  dealer?: string;
  region?: string;
  sub?: string;
  ttl?: string;
}

export function parseTokenArgs(argv: string[]): TokenArgs {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') throw new UsageError(USAGE);
    const match = /^--(role|dealer|region|sub|ttl)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`unknown argument ${arg}\n\n${USAGE}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${match[1]} needs a value\n\n${USAGE}`);
    args[match[1]] = value;
  }
  if (!args.role) throw new UsageError(USAGE);
  return args as unknown as TokenArgs;
}

export function ttlSeconds(ttl: string | undefined): number {
  if (ttl === undefined) return 8 * 3600;
  const match = /^(\d+)([smhd]?)$/.exec(ttl);
  if (!match) throw new UsageError(`--ttl ${ttl}: use seconds or 30m, 8h, 7d`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2]]!;
  return Number(match[1]) * unit;
}

/** A dev token with exactly the claims API.md names. */
export function issueToken(args: TokenArgs, env: Record<string, string | undefined> = process.env): string {
  const { role } = args;
  if (!isRole(role)) throw new UsageError(`--role ${role} is not a role\n\n${USAGE}`);
  if (isDealerRole(role) && !args.dealer) throw new UsageError(`a ${role} token needs --dealer <dealerId>`);
  if (isOemRole(role) && !args.region) throw new UsageError(`a ${role} token needs --region <region>`);
  const config = loadConfig(env);
  const tokens = new TokenService(config.jwtSecret, config.jwt);
  return tokens.issue(
    {
      sub: args.sub ?? `dev-${role}${args.dealer ? `-${args.dealer}` : args.region ? `-${args.region}` : ''}`,
      role,
      dealerId: isDealerRole(role) ? args.dealer : undefined,
      region: isOemRole(role) ? args.region : undefined,
    },
    { expiresInSeconds: ttlSeconds(args.ttl) },
  );
}

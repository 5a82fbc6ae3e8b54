import { TokenService } from '@aftercare/platform';
import { issueToken, parseTokenArgs, ttlSeconds, UsageError } from './token.command';

const env = { AFTERCARE_JWT_SECRET: 'cli-test-secret-long-enough' };
const verify = (token: string) => new TokenService(env.AFTERCARE_JWT_SECRET).verify(token);

describe('npm run token', () => {
  it('prints a token for a dealer role with its dealer', () => {
    const token = issueToken(parseTokenArgs(['--role', 'service_advisor', '--dealer', 'D1', '--sub', 'advisor-9']), env);
    expect(verify(token)).toMatchObject({ sub: 'advisor-9', role: 'service_advisor', dealerId: 'D1', region: null });
  });

  it('prints a token for an OEM role with its region, and an admin token with no scope', () => {
    expect(verify(issueToken(parseTokenArgs(['--role=regional_service_manager', '--region=east']), env))).toMatchObject({ role: 'regional_service_manager', region: 'east' });
    expect(verify(issueToken(parseTokenArgs(['--role', 'admin']), env))).toMatchObject({ sub: 'dev-admin', role: 'admin', dealerId: null, region: null });
  });

  it('refuses a dealer role without --dealer, an OEM role without --region and unknown roles', () => {
    expect(() => issueToken(parseTokenArgs(['--role', 'callback_agent']), env)).toThrow(/needs --dealer/);
    expect(() => issueToken(parseTokenArgs(['--role', 'claims_staff']), env)).toThrow(/needs --region/);
    expect(() => issueToken(parseTokenArgs(['--role', 'janitor']), env)).toThrow(UsageError);
    expect(() => parseTokenArgs(['--colour', 'red'])).toThrow(/unknown argument/);
  });

  it('reads lifetimes in seconds, minutes, hours or days', () => {
    expect(ttlSeconds(undefined)).toBe(8 * 3600);
    expect(ttlSeconds('90')).toBe(90);
    expect(ttlSeconds('30m')).toBe(1800);
    expect(ttlSeconds('7d')).toBe(7 * 86400);
    expect(() => ttlSeconds('soon')).toThrow(UsageError);
  });
});

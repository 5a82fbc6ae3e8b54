import { ConfigError } from '@aftercare/platform';
import { issueToken, parseTokenArgs, UsageError } from './token.command';
import { parseVerifyArgs, runVerify } from './verify.command';

const HELP = `aftercare <command>

  token --role <role> [--dealer D] [--region R] [--sub id] [--ttl 8h]   print a bearer token (npm run -s token -- …)
  verify [--stream <streamId>]                                         recompute the hash chains (docs/tamper-evidence.md); exit 1 on a broken link
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'verify': {
        const result = await runVerify(parseVerifyArgs(rest));
        process.stdout.write(JSON.stringify(result, null, 2) + '\n');
        return result.ok ? 0 : 1;
      }
      case 'token':
        process.stdout.write(issueToken(parseTokenArgs(rest)) + '\n');
        return 0;
      case undefined:
      case 'help':
      case '--help':
        process.stdout.write(HELP);
        return 0;
      default:
        process.stderr.write(`unknown command ${command}\n\n${HELP}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err) => {
    process.stderr.write(`${(err as Error)?.stack ?? err}\n`);
    process.exitCode = 1;
  },
);

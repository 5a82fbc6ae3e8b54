import { ConfigError } from '@aftercare/platform';
import { issueToken, parseTokenArgs, UsageError } from './token.command';

const HELP = `aftercare <command>

  token --role <role> [--dealer D] [--region R] [--sub id] [--ttl 8h]   print a bearer token (npm run -s token -- …)
`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
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

process.exitCode = main(process.argv.slice(2));

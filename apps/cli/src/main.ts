import { ConfigError } from '@aftercare/platform';
import { issueToken, parseTokenArgs, UsageError } from './token.command';
import { parseVerifyArgs, runVerify } from './verify.command';
import { parseExportArgs, runExport } from './export.command';
import { parseImportArgs, runImport } from './import.command';
import { parseRebuildArgs, runRebuild } from './rebuild.command';
import { parseDemoArgs, runDemo } from './demo.command';
import { CONTEXTS } from '../../api/src/contexts';

const HELP = `aftercare <command>

  token --role <role> [--dealer D] [--region R] [--sub id] [--ttl 8h]   print a bearer token (npm run -s token -- …)
  verify [--stream <streamId>]                                         recompute the hash chains (docs/tamper-evidence.md); exit 1 on a broken link
  export --from <ISO> --to <ISO> [--out file [--resume]] [--keys file] the events recorded in [from, to] as NDJSON (stdout unless --out; --resume continues an interrupted file)
  import <file> [--keys file]                                          append an export's events, idempotently by event id (re-run to resume)
  rebuild <projection|all> [--local]                                   rebuild read models blue-green, with progress; exits once they serve
  demo [--dealers 20] [--customers 50000] [--years 3] [--seed s]       generate a realistic dealer group through the command handlers (empty data dir)

Progress goes to stderr; Ctrl-C stops a command cleanly (exit 130).
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
      case 'export': {
        const result = await runExport(parseExportArgs(rest));
        return result.interrupted ? 130 : 0;
      }
      case 'import': {
        const result = await runImport(parseImportArgs(rest));
        return result.interrupted ? 130 : 0;
      }
      case 'rebuild': {
        const result = await runRebuild(parseRebuildArgs(rest), { contexts: CONTEXTS });
        return result.interrupted ? 130 : 0;
      }
      case 'demo': {
        const result = await runDemo(parseDemoArgs(rest));
        return result.interrupted ? 130 : 0;
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

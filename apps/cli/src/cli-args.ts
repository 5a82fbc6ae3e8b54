import { UsageError } from './token.command';

/** `--name value` / `--name=value` options and positionals, for the CLI's small commands. */
export function parseArgs(argv: string[], options: readonly string[], usage: string): { flags: Record<string, string>; positionals: string[] } {
  const flags: Record<string, string> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') throw new UsageError(usage);
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match || !options.includes(match[1])) throw new UsageError(`unknown argument ${arg}\n\n${usage}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${match[1]} needs a value\n\n${usage}`);
    flags[match[1]] = value;
  }
  return { flags, positionals };
}

/** Sets `signal.aborted` on Ctrl-C for the duration of `work`. */
export async function interruptible<R>(work: (signal: { aborted: boolean }) => Promise<R>): Promise<R> {
  const signal = { aborted: false };
  const interrupt = () => (signal.aborted = true);
  process.once('SIGINT', interrupt);
  try {
    return await work(signal);
  } finally {
    process.removeListener('SIGINT', interrupt);
  }
}

import { parseDemoArgs } from './demo.command';
import { UsageError } from './token.command';

describe('aftercare demo arguments', () => {
  it('defaults to the issue #10 group: 20 dealers, 50,000 customers, 3 years', () => {
    expect(parseDemoArgs([])).toEqual({ dealers: 20, customers: 50_000, years: 3, seed: 'demo', end: undefined, concurrency: 64 });
  });

  it('takes sizes, seed and end', () => {
    expect(parseDemoArgs(['--dealers', '2', '--customers=300', '--years', '0.5', '--seed', 's1', '--end', '2026-01-01'])).toMatchObject({
      dealers: 2, customers: 300, years: 0.5, seed: 's1', end: '2026-01-01',
    });
  });

  it.each([
    [['--dealers', '0']],
    [['--customers', 'many']],
    [['--years', '-1']],
    [['--end', 'tomorrow']],
    [['--end', '2999-01-01']],
    [['--color', 'red']],
    [['extra']],
  ])('refuses %j with a usage error', (argv) => {
    expect(() => parseDemoArgs(argv)).toThrow(UsageError);
  });
});

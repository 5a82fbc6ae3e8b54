/**
 * `npm run bench`: runs every suite in this folder (files named `*.bench.ts`, each
 * exporting `suite: BenchSuite`), prints a table with the machine noted, and merges
 * the figures into bench-results.json at the repository root.
 *   npm run bench                 all suites
 *   npm run bench -- event-store  only suites whose name contains "event-store"
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BenchFigure, BenchSuite } from './bench-suite';

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => /\.bench\.js$/.test(f))
    .sort();
  const suites: BenchSuite[] = files.map((f) => require(path.join(__dirname, f)).suite as BenchSuite);
  const selected = suites.filter((s) => only.length === 0 || only.some((o) => s.name.includes(o)));
  const machine = `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, ${os.platform()} ${os.release()}`;
  console.log(`machine: ${machine}`);
  const resultsFile = path.resolve(__dirname, '../../../bench-results.json');
  const previous = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : {};
  const figures: Record<string, BenchFigure & { suite: string }> = { ...(previous.figures ?? {}) };
  const rows: string[][] = [];
  for (const suite of selected) {
    process.stderr.write(`running ${suite.name}…\n`);
    const started = Date.now();
    const result = await suite.run();
    for (const [key, fig] of Object.entries(result)) {
      figures[key] = { ...fig, suite: suite.name };
      const verdict = fig.budget === undefined ? '' : meets(fig) ? 'ok' : 'BELOW BUDGET';
      rows.push([key, format(fig.value), fig.unit, fig.budget === undefined ? '' : `${fig.better === 'lower' ? '<=' : '>='} ${fig.budget}`, verdict, fig.note ?? '']);
    }
    process.stderr.write(`  ${suite.name} took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  printTable(['figure', 'value', 'unit', 'budget', '', 'note'], rows);
  fs.writeFileSync(resultsFile, JSON.stringify({ machine, updatedAt: new Date().toISOString(), figures }, null, 2) + '\n');
  console.log(`written: ${path.relative(process.cwd(), resultsFile)}`);
}

function meets(fig: BenchFigure): boolean {
  if (fig.budget === undefined) return true;
  return fig.better === 'lower' ? fig.value <= fig.budget : fig.value >= fig.budget;
}

function format(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

import { parseExportArgs } from './export.command';
import { parseImportArgs } from './import.command';
import { parseRebuildArgs } from './rebuild.command';
import { UsageError } from './token.command';

describe('aftercare export | import | rebuild arguments', () => {
  it('reads export ranges and refuses what is not an instant', () => {
    expect(parseExportArgs(['--from', '2026-01-01T00:00:00Z', '--to=2026-02-01T00:00:00Z', '--out', 'x.ndjson'])).toEqual({ from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', out: 'x.ndjson' });
    expect(() => parseExportArgs(['--from', 'yesterday', '--to', '2026-02-01T00:00:00Z'])).toThrow(UsageError);
    expect(() => parseExportArgs(['--from', '2026-01-01T00:00:00Z'])).toThrow(UsageError);
    expect(() => parseExportArgs(['--since', '2026-01-01T00:00:00Z'])).toThrow(/unknown argument --since/);
    expect(parseExportArgs(['--from', '2026-01-01T00:00:00Z', '--to', '2026-02-01T00:00:00Z', '--out', 'x.ndjson', '--resume'])).toMatchObject({ out: 'x.ndjson', resume: true });
    expect(() => parseExportArgs(['--from', '2026-01-01T00:00:00Z', '--to', '2026-02-01T00:00:00Z', '--resume'])).toThrow(/--resume continues the file of --out/);
  });

  it('takes one file to import and one projection to rebuild', () => {
    expect(parseImportArgs(['events.ndjson'])).toEqual({ file: 'events.ndjson' });
    expect(() => parseImportArgs([])).toThrow(UsageError);
    expect(parseRebuildArgs(['all'])).toEqual({ projection: 'all', local: false });
    expect(parseRebuildArgs(['--local', 'complaint-details'])).toEqual({ projection: 'complaint-details', local: true });
    expect(() => parseRebuildArgs(['a', 'b'])).toThrow(UsageError);
  });
});

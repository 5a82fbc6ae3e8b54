import { carriesWrite, guardFilter, stampUpdate } from './position-guarded-collection';
import { buildIdOf, physicalCollectionName, ProjectionCatalog, type ProjectionBuildDoc } from './projection-catalog';

describe('position guards', () => {
  it('only lets a write through to documents stamped before it', () => {
    expect(guardFilter({ _id: 'a' }, 12, 1)).toEqual({
      _id: 'a',
      $and: [{ $or: [{ _pos: { $exists: false } }, { _pos: { $lt: 12 } }, { _pos: 12, _seq: { $lt: 1 } }] }],
    });
  });

  it("keeps the caller's own $and", () => {
    const filter = guardFilter({ $and: [{ a: 1 }] }, 3, 0);
    expect(filter.$and).toHaveLength(2);
    expect((filter.$and as unknown[])[0]).toEqual({ a: 1 });
  });

  it('stamps the write beside its own $set', () => {
    expect(stampUpdate({ $set: { a: 1 }, $inc: { n: 1 } }, 4, 2)).toEqual({ $set: { a: 1, _pos: 4, _seq: 2 }, $inc: { n: 1 } });
  });

  it('tells a document that already carries a write from one that does not', () => {
    expect(carriesWrite({ _id: 'a', _pos: 5, _seq: 1 }, 5, 1)).toBe(true);
    expect(carriesWrite({ _id: 'a', _pos: 5, _seq: 0 }, 5, 1)).toBe(false);
    expect(carriesWrite({ _id: 'a', _pos: 9, _seq: 0 }, 5, 3)).toBe(true);
    expect(carriesWrite({ _id: 'a', _pos: 4, _seq: 7 }, 5, 0)).toBe(false);
    expect(carriesWrite({ _id: 'a' }, 5, 0)).toBe(false);
    expect(carriesWrite(null, 5, 0)).toBe(false);
  });
});

describe('build naming', () => {
  it('puts the version, and the generation of a repeated build, in collection names', () => {
    expect(physicalCollectionName('complaint_details', 3, 0)).toBe('complaint_details_v3');
    expect(physicalCollectionName('complaint_details', 3, 2)).toBe('complaint_details_v3_g2');
    expect(buildIdOf('complaint-details', 3, 2)).toBe('complaint-details@v3.g2');
  });

  it('never reuses a generation of a version', () => {
    const builds = [
      { version: 1, generation: 0 },
      { version: 2, generation: 0 },
      { version: 2, generation: 1 },
    ] as ProjectionBuildDoc[];
    expect(ProjectionCatalog.nextGeneration(builds, 2)).toBe(2);
    expect(ProjectionCatalog.nextGeneration(builds, 3)).toBe(0);
  });
});

import type { Update } from '../read-store.port';
import { applyScalarUpdate, applyUpdate, checkUpdate } from './update.applier';

/** What applyUpdate makes of the document, and whether its JSON changed; the error message if it throws. */
function reference(doc: Record<string, unknown>, update: Update): { doc?: unknown; changed?: boolean; error?: string } {
  const copy = structuredClone(doc);
  try {
    applyUpdate(copy, update, false, []);
  } catch (err) {
    return { error: (err as Error).message };
  }
  return { doc: JSON.parse(JSON.stringify(copy)), changed: JSON.stringify(copy) !== JSON.stringify(doc) };
}

describe('applyScalarUpdate', () => {
  const base = { _id: 'x', n: 1, s: 'a', b: true, z: null, o: { k: 1 }, list: [1], max: Number.MAX_VALUE };

  const updates: Update[] = [
    { $set: { n: 2 } },
    { $set: { n: 1 } },
    { $set: { s: 'a', b: false, fresh: 'new' } },
    { $set: { z: null } },
    { $set: { z: 0 } },
    { $set: { when: new Date('2025-01-01T00:00:00.000Z') } },
    { $set: { gone: undefined } },
    { $inc: { n: 2, counter: 5 } },
    { $inc: { n: 0 } },
    { $inc: { n: -1.5 } },
    { $unset: { s: '' } },
    { $unset: { missing: '' } },
    { $set: { n: 3 }, $setOnInsert: { created: 'now' } },
    { $set: { n: 3 }, $unset: { s: 1 }, $inc: { m: 1 } },
    { $inc: { n: Number.MAX_VALUE }, $set: { s: 'b' } },
    // Left to applyUpdate (undefined), which applies or refuses them.
    { $inc: { s: 1 } },
    { $inc: { max: Number.MAX_VALUE }, $set: { s: 'b' } },
    { $inc: { big: 1 }, $set: { huge: Number.POSITIVE_INFINITY } },
    { $set: { 'o.k': 2 } },
    { $set: { o: { k: 2 } } },
    { $set: { list: [2] } },
    { $set: { n: Number.NaN } },
    { $push: { list: 2 } },
    { $pull: { list: 1 } },
    { $set: { _id: 'y' } },
    { $set: { s: 'changed' }, $inc: { s2: 1, o: 1 } },
  ];

  it.each(updates.map((u) => [JSON.stringify(u), u] as const))('agrees with applyUpdate on %s, or leaves it to applyUpdate untouched', (_, update) => {
    checkUpdate(update);
    const expected = reference(base, update);
    const doc = structuredClone(base);
    const changed = applyScalarUpdate(doc, update);
    if (changed === undefined) {
      expect(doc).toEqual(base);
      return;
    }
    expect(expected.error).toBeUndefined();
    expect(changed).toBe(expected.changed);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(expected.doc);
    // Nothing that JSON would write differently: the document reads back as it is.
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('applies the plain field updates a projection makes on every event', () => {
    const doc = { _id: 'd1', visits: 1, spend: 100 };
    expect(applyScalarUpdate(doc, { $inc: { visits: 1, spend: 250 } })).toBe(true);
    expect(applyScalarUpdate(doc, { $set: { lastVisitAt: '2025-01-01T00:00:00.000Z' }, $setOnInsert: { createdAt: 'x' } })).toBe(true);
    expect(doc).toEqual({ _id: 'd1', visits: 2, spend: 350, lastVisitAt: '2025-01-01T00:00:00.000Z' });
  });
});

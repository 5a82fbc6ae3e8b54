import { addMonths, deterministicUuid, isUuid, uuidv7, UpcasterRegistry, categoryOf, idOf, streamName, RecordedEvent } from './index';

describe('ids', () => {
  it('makes UUID v7 ids that sort in creation order', () => {
    const ids = Array.from({ length: 2000 }, () => uuidv7());
    expect(ids.every(isUuid)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0][14]).toBe('7');
  });

  it('makes the same id for the same idempotency key and a different one otherwise', () => {
    expect(deterministicUuid('key-1', '0')).toBe(deterministicUuid('key-1', '0'));
    expect(deterministicUuid('key-1', '0')).not.toBe(deterministicUuid('key-1', '1'));
    expect(isUuid(deterministicUuid('x'))).toBe(true);
  });
});

describe('streams', () => {
  it('names streams <category>-<id> and splits them back', () => {
    const s = streamName('complaint', '0193-abc');
    expect(s).toBe('complaint-0193-abc');
    expect(categoryOf(s)).toBe('complaint');
    expect(idOf(s)).toBe('0193-abc');
  });
});

describe('calendar', () => {
  it('adds calendar months, clamping to the month end', () => {
    expect(addMonths('2026-01-31T00:00:00.000Z', 1)).toBe('2026-02-28T00:00:00.000Z');
    expect(addMonths('2026-01-10T00:00:00.000Z', 3.5)).toBe('2026-04-25T00:00:00.000Z');
  });
});

describe('upcasting', () => {
  const stored = (version: number, data: Record<string, unknown>): RecordedEvent => ({
    type: 'VisitRecorded',
    data,
    streamId: 'vehicle-1',
    revision: 0,
    position: 1,
    metadata: {
      eventId: 'e', schemaVersion: version, occurredAt: '', recordedAt: '',
      actor: { id: 'a', role: 'admin' }, dealerId: null, correlationId: 'c', causationId: null,
    },
  });

  it('upcasts an old event step by step to the current version', () => {
    const registry = new UpcasterRegistry()
      .register('VisitRecorded', 1, (d) => ({ ...d, amount: { value: d.amount, currency: 'CNY' } }))
      .register('VisitRecorded', 2, (d) => ({ ...d, source: 'dms' }));
    const up = registry.upcast(stored(1, { amount: 100 }));
    expect(up.data).toEqual({ amount: { value: 100, currency: 'CNY' }, source: 'dms' });
    expect(up.metadata.schemaVersion).toBe(3);
    expect(registry.currentVersion('VisitRecorded')).toBe(3);
  });

  it('leaves current events untouched', () => {
    const registry = new UpcasterRegistry().register('VisitRecorded', 1, (d) => ({ ...d, x: 1 }));
    const e = stored(2, { amount: 1 });
    expect(registry.upcast(e)).toBe(e);
  });
});

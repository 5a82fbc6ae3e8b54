import { canonicalJson, contentHash } from './claim-content';

describe('the content hash every sign-off records', () => {
  it('is the same for the same content whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"x":2,"y":1}]},"b":1}');
    expect(contentHash({ amount: 100, currency: 'CNY' })).toBe(contentHash({ currency: 'CNY', amount: 100 }));
  });

  it('changes with any amount, line or document', () => {
    const base = { amount: 100, breakdown: [{ kind: 'repair', amount: 100 }], documents: [] as string[] };
    expect(contentHash({ ...base, amount: 100.01 })).not.toBe(contentHash(base));
    expect(contentHash({ ...base, breakdown: [{ kind: 'litigation', amount: 100 }] })).not.toBe(contentHash(base));
    expect(contentHash({ ...base, documents: ['INV-1'] })).not.toBe(contentHash(base));
  });

  it('is a SHA-256 in hex', () => {
    expect(contentHash({})).toBe('sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });
});

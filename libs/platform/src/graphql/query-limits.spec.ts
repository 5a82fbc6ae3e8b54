import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { costLimitRule, depthLimitRule, withProblemExtensions } from './query-limits';

const schema = buildSchema(`
  type Vehicle { vin: String owner: Customer }
  type Customer { id: ID name: String vehicles: [Vehicle!]! }
  type CustomerPage { items: [Customer!]! nextCursor: String }
  type Query { customers(first: Int): CustomerPage! customer(id: ID!): Customer }
`);
const codesOf = (query: string, rules = [depthLimitRule(4), costLimitRule(200)]) =>
  validate(schema, parse(query), rules).map((e) => e.extensions.code);
const depthCodes = (query: string) => codesOf(query, [depthLimitRule(4)]);

describe('GraphQL depth and cost limits', () => {
  it('counts nesting depth, through fragments, leaving introspection out', () => {
    expect(depthCodes('{ customer(id: "1") { vehicles { owner { id } } } }')).toEqual([]);
    expect(depthCodes('{ customer(id: "1") { vehicles { owner { vehicles { vin } } } } }')).toEqual(['GRAPHQL.TOO_DEEP']);
    expect(depthCodes('{ customer(id: "1") { ...F } } fragment F on Customer { vehicles { owner { vehicles { vin } } } }')).toEqual(['GRAPHQL.TOO_DEEP']);
    expect(depthCodes('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }')).toEqual([]);
  });

  it('multiplies by page sizes: the limit given, 500 for a variable, 50 by default', () => {
    // 1 + 1 + 3 × 2 = 8
    expect(codesOf('{ customers(first: 3) { items { id name } } }')).toEqual([]);
    // 1 + 1 + 50 × 2 = 102; 1 + 1 + 50 × (2 + 1 + 50 × 1) > 200
    expect(codesOf('{ customers { items { id name } } }')).toEqual([]);
    expect(codesOf('{ customers { items { id name vehicles { vin } } } }')).toEqual(['GRAPHQL.TOO_COSTLY']);
    expect(codesOf('query Q($n: Int) { customers(first: $n) { items { id } } }')).toEqual(['GRAPHQL.TOO_COSTLY']);
  });

  it('stays linear on fragments spread many times within fragments spread many times', () => {
    const levels = 30;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Customer { id }` : `fragment F${i} on Customer { ...F${i + 1} ...F${i + 1} ...F${i + 1} }`,
    );
    const started = Date.now();
    const codes = codesOf(`{ customer(id: "1") { ...F0 } } ${fragments.join(' ')}`, [depthLimitRule(4), costLimitRule(1_000_000)]);
    expect(Date.now() - started).toBeLessThan(1_000);
    // 3^29 reads of id: far over any budget.
    expect(codes).toEqual(['GRAPHQL.TOO_COSTLY']);
  });

  it('does not loop on a fragment cycle (the spec rules report it)', () => {
    const errors = validate(schema, parse('{ customer(id: "1") { ...A } } fragment A on Customer { vehicles { owner { ...A } } }'), [
      ...specifiedRules,
      depthLimitRule(4),
      costLimitRule(200),
    ]);
    expect(errors.map((e) => e.message).join()).toMatch(/Cannot spread fragment "A" within itself/);
  });
});

describe('GraphQL errors as problems', () => {
  it('codes errors raised before execution 400 GRAPHQL.INVALID, keeping the transport status', () => {
    const invalid = withProblemExtensions({ statusCode: 200, response: { data: null, errors: [{ message: 'Cannot query field "x"' }, { message: 'y' }] } as never });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.response.errors?.map((e) => e.extensions)).toEqual([{ code: 'GRAPHQL.INVALID', status: 400 }, { code: 'GRAPHQL.INVALID', status: 400 }]);
    const tooLarge = withProblemExtensions({ statusCode: 413, response: { data: null, errors: [{ message: 'Request body is too large' }] } as never });
    expect(tooLarge.response.errors?.[0].extensions).toEqual({ code: 'REQUEST.TOO_LARGE', status: 413 });
  });

  it('keeps the code of a resolver error and hides an uncoded one', () => {
    const out = withProblemExtensions({
      statusCode: 200,
      response: { data: { a: null, b: null }, errors: [{ message: 'nope', path: ['a'], extensions: { code: 'AUTH.OUT_OF_SCOPE', status: 403 } }, { message: 'secret detail', path: ['b'] }] } as never,
    });
    expect(out.statusCode).toBe(200);
    expect(out.response.errors?.[0]).toMatchObject({ message: 'nope', extensions: { code: 'AUTH.OUT_OF_SCOPE', status: 403 } });
    expect(out.response.errors?.[1]).toEqual({ message: 'an unexpected error occurred', path: ['b'], extensions: { code: 'INTERNAL', status: 500 } });
  });
});

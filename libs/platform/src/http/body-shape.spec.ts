import { assertBodyShape, MAX_BODY_DEPTH } from './body-shape';
import { RequestValidationError } from './problem-details';

function nested(levels: number): unknown {
  let body: unknown = 1;
  for (let i = 0; i < levels; i++) body = { a: body };
  return body;
}

function fieldsOf(body: unknown): string[] {
  try {
    assertBodyShape(body);
    return [];
  } catch (err) {
    if (err instanceof RequestValidationError) return err.fields.map((f) => f.field);
    throw err;
  }
}

describe('the shape of a request body', () => {
  it('accepts ordinary bodies', () => {
    expect(fieldsOf({ name: '王建国', vehicles: [{ vin: 'x' }], csi: { a: 1 } })).toEqual([]);
  });

  it('refuses a body nested thousands of levels deep with a 400, without recursion', () => {
    expect(fieldsOf(nested(50_000)).length).toBe(1);
    let arrays: unknown = [];
    for (let i = 0; i < 5000; i++) arrays = [arrays];
    expect(fieldsOf({ x: arrays })).toHaveLength(1);
  });

  it('accepts nesting up to the limit', () => {
    expect(fieldsOf(nested(MAX_BODY_DEPTH - 1))).toEqual([]);
  });

  it('refuses keys named like Object.prototype members, naming them', () => {
    expect(fieldsOf({ name: 'A', constructor: { x: 1 } })).toEqual(['constructor']);
    expect(fieldsOf({ name: 'A', nested: { toString: 'x' } })).toEqual(['nested.toString']);
  });
});

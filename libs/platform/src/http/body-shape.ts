import type { FieldError } from '@aftercare/kernel';
import { RequestValidationError } from './problem-details';

/** Deeper than any body of API.md needs; deep enough never to refuse a real one. */
export const MAX_BODY_DEPTH = 32;

/**
 * Keys that name Object.prototype members (`constructor`, `toString`, …). They are
 * never fields of a DTO, and the validation pipe's whitelist does not see them as
 * unknown (they are "properties" of every object), so they are refused here.
 */
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * Hostile-shape check of a parsed JSON body, before any recursive code (class-
 * transformer, the validation pipe) walks it: a body nested thousands of levels
 * deep would overflow their stack (a 500), so it is a 400 here, iteratively.
 */
export function assertBodyShape(body: unknown): void {
  if (body === null || typeof body !== 'object') return;
  const errors: FieldError[] = [];
  const stack: { value: object; path: string; depth: number }[] = [{ value: body as object, path: '', depth: 1 }];
  while (stack.length > 0 && errors.length < 10) {
    const { value, path, depth } = stack.pop()!;
    if (depth > MAX_BODY_DEPTH) {
      errors.push({ field: path || '(body)', message: `nested deeper than ${MAX_BODY_DEPTH} levels` });
      break;
    }
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    for (const [key, child] of entries) {
      const childPath = path ? `${path}.${key}` : key;
      if (!Array.isArray(value) && PROTOTYPE_KEYS.has(key)) {
        errors.push({ field: childPath, message: `property ${childPath} should not exist` });
        continue;
      }
      if (child !== null && typeof child === 'object') stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  if (errors.length > 0) throw new RequestValidationError(errors);
}

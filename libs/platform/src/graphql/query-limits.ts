import {
  ExecutionResult,
  FieldNode,
  FormattedExecutionResult,
  GraphQLFormattedError,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLNamedType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
  ASTVisitor,
} from 'graphql';

/** Tokens of one GraphQL document at most (the introspection query has about 300). */
export const GRAPHQL_MAX_TOKENS = 10_000;

/** API.md "Conventions": a list's `limit` defaults to 50 and is at most 500. */
const DEFAULT_LIST_SIZE = 50;
const MAX_LIST_SIZE = 500;

interface Walk {
  context: ValidationContext;
  /** Fragments being expanded (a cycle is the spec rules' error to report, not an endless walk here). */
  expanding: Set<string>;
  /**
   * What a fragment adds, computed once: a fragment spread many times, by fragments
   * themselves spread many times, must not make the walk exponential.
   */
  memo: Map<string, number>;
}

const walkOf = (context: ValidationContext): Walk => ({ context, expanding: new Set(), memo: new Map() });

/**
 * Depth of an operation: the longest chain of nested fields, fragments expanded,
 * introspection (`__schema`, `__type`) left out. Deeper than `maxDepth`: 400
 * `GRAPHQL.TOO_DEEP`, before anything runs.
 */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const depth = depthOf(walkOf(context), operation.selectionSet);
      if (depth > maxDepth) {
        context.reportError(
          new GraphQLError(`the query nests ${depth} levels deep; at most ${maxDepth} are allowed`, {
            nodes: [operation],
            extensions: { code: 'GRAPHQL.TOO_DEEP', status: 400, maxDepth },
          }),
        );
      }
    },
  });
}

/** How many levels of fields a selection set holds. */
function depthOf(walk: Walk, selectionSet: SelectionSetNode): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, 1 + (selection.selectionSet ? depthOf(walk, selection.selectionSet) : 0));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(walk, selection.selectionSet));
    } else {
      deepest = Math.max(deepest, viaFragment(walk, selection.name.value, 'depth', (fragment) => depthOf(walk, fragment.selectionSet)));
    }
  }
  return deepest;
}

/** A fragment's share, memoised per `key`; 0 for an unknown fragment or a cycle. */
function viaFragment(walk: Walk, name: string, key: string, compute: (fragment: FragmentDefinitionNode) => number): number {
  const memoKey = `${name}|${key}`;
  const known = walk.memo.get(memoKey);
  if (known !== undefined) return known;
  const fragment = walk.context.getFragment(name);
  if (!fragment || walk.expanding.has(name)) return 0;
  walk.expanding.add(name);
  const value = compute(fragment);
  walk.expanding.delete(name);
  walk.memo.set(memoKey, value);
  return value;
}

/**
 * Estimated cost of an operation: every field counts once per object it is read
 * on, and a list multiplies what is read inside it by its size: the `limit`
 * (or `first`) argument of the list or of the page holding it (a variable counts
 * as the largest page, 500), else 50. Costlier than `maxCost`: 400
 * `GRAPHQL.TOO_COSTLY`, before anything runs.
 */
export function costLimitRule(maxCost: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const schema = context.getSchema();
      const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
      if (!root) return;
      const cost = costOf(walkOf(context), operation.selectionSet, root, undefined);
      if (cost > maxCost) {
        context.reportError(
          new GraphQLError(`the query's estimated cost exceeds ${maxCost} (fields read × list sizes); ask for fewer fields or smaller pages`, {
            nodes: [operation],
            extensions: { code: 'GRAPHQL.TOO_COSTLY', status: 400, maxCost },
          }),
        );
      }
    },
  });
}

/** Cost of reading a selection set on one object (`pendingLimit`: a page size given above, for the next list). */
function costOf(walk: Walk, selectionSet: SelectionSetNode, type: GraphQLNamedType, pendingLimit: number | undefined): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      cost += 1 + fieldCost(walk, selection, type, pendingLimit);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? walk.context.getSchema().getType(selection.typeCondition.name.value) : type;
      if (on) cost += costOf(walk, selection.selectionSet, on, pendingLimit);
    } else {
      cost += viaFragment(walk, selection.name.value, `cost:${pendingLimit}`, (fragment) => {
        const on = walk.context.getSchema().getType(fragment.typeCondition.name.value);
        return on ? costOf(walk, fragment.selectionSet, on, pendingLimit) : 0;
      });
    }
  }
  return cost;
}

/** What is read inside one field (0 for a leaf), times the list's size when it is a list. */
function fieldCost(walk: Walk, field: FieldNode, parent: GraphQLNamedType, pendingLimit: number | undefined): number {
  if (!field.selectionSet || field.name.value.startsWith('__')) return 0;
  if (!isObjectType(parent) && !isInterfaceType(parent)) return 0;
  const definition = parent.getFields()[field.name.value];
  if (!definition) return 0; // unknown field: the spec rules report it
  const pending = limitOf(field) ?? pendingLimit;
  if (isListType(getNullableType(definition.type))) {
    return (pending ?? DEFAULT_LIST_SIZE) * costOf(walk, field.selectionSet, getNamedType(definition.type), undefined);
  }
  return costOf(walk, field.selectionSet, getNamedType(definition.type), pending);
}

function limitOf(field: FieldNode): number | undefined {
  const argument = field.arguments?.find((a) => a.name.value === 'limit' || a.name.value === 'first');
  if (!argument) return undefined;
  if (argument.value.kind === Kind.INT) return Math.min(Math.max(Number(argument.value.value), 1), MAX_LIST_SIZE);
  return MAX_LIST_SIZE;
}

/** Status → code of errors raised by the transport before GraphQL runs (body too large, bad media type). */
const TRANSPORT_CODES: Record<number, string> = { 413: 'REQUEST.TOO_LARGE', 415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 429: 'RATE_LIMITED' };

/**
 * Every GraphQL error leaves with `extensions.code` and `extensions.status`, like
 * the REST problems: a resolver's errors already carry them (ProblemDetailsFilter);
 * this adds them to the errors raised before execution (syntax and validation:
 * `GRAPHQL.INVALID`; the depth and cost limits carry their own) and hides any
 * uncoded leftover of execution (`INTERNAL`, no detail). A request refused
 * before execution (no data, no error with a path) answers 4xx, 400 unless the
 * transport said otherwise (413, 415).
 */
export function withProblemExtensions(formatted: { statusCode: number; response: ExecutionResult | FormattedExecutionResult }): {
  statusCode: number;
  response: FormattedExecutionResult;
} {
  const errors = (formatted.response.errors ?? []).map((error): GraphQLFormattedError => (error instanceof GraphQLError ? error.toJSON() : error));
  const refusedBeforeExecution =
    errors.length > 0 && (formatted.response.data === null || formatted.response.data === undefined) && errors.every((e) => !e.path);
  const statusCode = refusedBeforeExecution && (formatted.statusCode < 400 || formatted.statusCode >= 500) ? 400 : formatted.statusCode;
  const response: FormattedExecutionResult = {
    ...formatted.response,
    errors: errors.map((json) => {
      const extensions = { ...(json.extensions ?? {}) } as Record<string, unknown>;
      if (typeof extensions.code === 'string') {
        if (typeof extensions.status !== 'number') extensions.status = statusCode;
        return { ...json, extensions };
      }
      if (refusedBeforeExecution) {
        return { ...json, extensions: { ...extensions, code: TRANSPORT_CODES[statusCode] ?? 'GRAPHQL.INVALID', status: statusCode } };
      }
      return { message: 'an unexpected error occurred', ...(json.path ? { path: json.path } : {}), extensions: { code: 'INTERNAL', status: 500 } };
    }),
  };
  return { statusCode, response };
}

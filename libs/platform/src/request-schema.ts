import { z } from 'zod';
import { invalidInput, type FieldProblem } from './problem-details.js';
import { nullInEnums } from './response-schema.js';

/**
 * The OpenAPI (3.0) schema of a request body, generated from the zod schema that parses it (`parseBody`),
 * so what the document says a route takes cannot drift from what it accepts (issue 14 §8). It describes
 * the input side: defaults and optional properties as the caller may send them, transforms left out.
 * Rules zod cannot write as JSON Schema (a catalogue lookup, a calendar date that exists) are checked by
 * the parser only, so the document is never stricter than the route.
 */
export function requestSchema(type: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(type, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return nullInEnums(schema) as Record<string, unknown>;
}

/** The parsed body, or the 400 naming every field it breaks and the rule (RFC 9457 problem details). */
export function parseBody<T extends z.ZodType>(type: T, body: unknown): z.output<T> {
  const parsed = type.safeParse(body);
  if (!parsed.success) throw invalidInput(problemsIn(parsed.error));
  return parsed.data;
}

/**
 * Each zod issue as the field it names and its message as the rule. An unknown property names itself
 * (one problem per property), as the closed-bodies check does for the top level.
 */
export function problemsIn(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: fieldPath([...issue.path, key]), rule: issue.message }))
      : [{ field: fieldPath(issue.path), rule: issue.message }],
  );
}

/** `['rows', 3, 'email']` → `rows[3].email`; the empty path is the body itself. */
export function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'body';
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

/**
 * A closed JSON object (`additionalProperties: false` in the document): a property it does not name is
 * refused, naming the property and the ones it takes (`of` names a row's kind, e.g. `a self-assessment`);
 * anything but an object is refused as one (`sketched`: showing its properties, `{ name, scopes? }`).
 */
export function requestBody<Shape extends z.ZodRawShape>(
  shape: Shape,
  options: { of?: string; sketched?: boolean } = {},
) {
  const takes = Object.keys(shape).join(', ');
  const unknown = options.of
    ? `is not a property of ${options.of} (${takes})`
    : `is not a property of this request body (it takes ${takes})`;
  const notAnObject = options.sketched ? `must be a JSON object ${sketch(shape)}` : 'must be a JSON object';
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? unknown : issue.code === 'invalid_type' ? notAnObject : undefined,
  });
}

/** `{ name, organisationId?, scopes? }`: the properties, the optional ones marked. */
function sketch(shape: z.ZodRawShape): string {
  const names = Object.entries(shape).map(([name, type]) => (z.safeParse(type, undefined).success ? `${name}?` : name));
  return `{ ${names.join(', ')} }`;
}

// xAPI Data 4.4: "UUIDs MUST be in the standard string form"; variant 2 is only recommended, so any
// version and variant is accepted, in either case.
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

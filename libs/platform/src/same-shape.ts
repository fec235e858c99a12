/** `T` with every `readonly` removed, deeply: read-model types are readonly, zod's inferred ones are not. */
export type Writable<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer U)[]
    ? Writable<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Writable<T[K]> }
      : T;

/**
 * `true` only when A and B are the same type, readonly aside. A type kept deep in a read model and the
 * zod schema of the response it ends up in are checked with it at compile time, so neither can gain,
 * lose or change a field without the other (see `checkSameShape`).
 */
export type SameShape<A, B> =
  (<T>() => T extends Writable<A> ? 1 : 2) extends <T>() => T extends Writable<B> ? 1 : 2 ? true : false;

/** Compile time only: `checkSameShape<Row, z.output<typeof row>>(true)` does not compile when they differ. */
export function checkSameShape<A, B>(_same: SameShape<A, B>): void {}

/** A workforce domain event before it is stored: its type and data (stored at schema version 1 unless it says otherwise). */
export interface DomainEvent<T extends string, D> {
  type: T;
  data: D;
}

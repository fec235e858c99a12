import type { RecordedEvent } from './event.js';
import type {
  AppendRequest,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from './event-store.port.js';

/** Turns version `fromVersion` of an event type's data into version `fromVersion + 1`. */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast(data: any, event: RecordedEvent): unknown;
}

/**
 * Events are never rewritten; older versions are brought up to the current schema as they are read,
 * one step at a time, so each upcaster only knows two adjacent versions.
 */
export class UpcasterRegistry {
  private readonly byKey = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const u of upcasters) this.register(u);
  }

  register(upcaster: Upcaster): void {
    const key = `${upcaster.type}@${upcaster.fromVersion}`;
    if (this.byKey.has(key)) throw new Error(`Two upcasters for ${key}`);
    this.byKey.set(key, upcaster);
  }

  upcast(event: RecordedEvent): RecordedEvent {
    let current = event;
    for (;;) {
      const upcaster = this.byKey.get(`${current.type}@${current.version}`);
      if (!upcaster) return current;
      current = { ...current, version: current.version + 1, data: upcaster.upcast(current.data, current) };
    }
  }
}

/** An event store whose reads and subscriptions deliver upcast events. */
export class UpcastingEventStore implements EventStore {
  readonly kind: EventStore['kind'];

  constructor(
    private readonly inner: EventStore,
    private readonly registry: UpcasterRegistry,
  ) {
    this.kind = inner.kind;
  }

  append(request: AppendRequest): Promise<AppendResult> {
    return this.inner.append(request);
  }

  appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]> {
    return this.inner.appendMany(requests);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readStream(streamId, options)).map((e) => this.registry.upcast(e));
  }

  async readAll(options?: ReadAllOptions): Promise<ReadAllResult> {
    const result = await this.inner.readAll(options);
    return { ...result, events: result.events.map((e) => this.registry.upcast(e)) };
  }

  headPosition() {
    return this.inner.headPosition();
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    const inner = this.inner.subscribeToAll(options);
    const registry = this.registry;
    async function* upcastAll() {
      for await (const event of inner) yield registry.upcast(event);
    }
    const iterator = upcastAll();
    return { [Symbol.asyncIterator]: () => iterator, close: () => inner.close() };
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

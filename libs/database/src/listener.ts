import type pg from 'pg';

/**
 * One LISTEN connection on a channel, opened on demand. A connection that fails to open or breaks
 * (a server restart, a terminated backend) goes back to the pool as broken, because one kept checked
 * out would hang pool.end(), and another is opened at once; callers poll meanwhile. After close()
 * nothing is opened again.
 */
export class ChannelListener {
  private connection?: Promise<pg.PoolClient | undefined>;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly channel: string,
    private readonly onNotification: (payload: string | undefined) => void,
    /** Called when notifications may have been missed: the connection broke or closed. */
    private readonly onLost: () => void = () => {},
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel))
      throw new Error(`Channel "${channel}" must be a lower-case SQL identifier`);
  }

  /** Opens the connection unless it is open; true once notifications can arrive. */
  async open(): Promise<boolean> {
    if (this.closed) return false;
    this.connection ??= this.connect();
    return (await this.connection) !== undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    const connection = this.connection;
    this.connection = undefined;
    const client = await connection;
    if (client) {
      client.removeAllListeners('notification');
      client.release(true);
    }
    this.onLost();
  }

  private connect(): Promise<pg.PoolClient | undefined> {
    const opening: Promise<pg.PoolClient | undefined> = this.pool
      .connect()
      .then(async (client) => {
        client.on('notification', (message) => this.onNotification(message.payload));
        client.on('error', (error) => {
          // After close() or a replacement the connection is no longer this listener's to release.
          if (this.connection !== opening) return;
          this.connection = undefined;
          client.release(error);
          this.onLost();
          void this.open();
        });
        try {
          await client.query(`listen ${this.channel}`);
          return client;
        } catch {
          if (this.connection === opening) this.connection = undefined;
          client.release(true);
          return undefined;
        }
      })
      .catch(() => {
        if (this.connection === opening) this.connection = undefined;
        return undefined;
      });
    return opening;
  }
}

/**
 * What a process still does after it listens. On the first embedded start the demo data set is seeded
 * through the process's own HTTP API, so the server must answer before the demo credentials exist;
 * /health reports the process ready only once they do.
 *
 * - `off`: no demo data in this process (not embedded, `DEMO_DATA=false`, or `RUN_WORKER=false`)
 * - `seeding`: being seeded or looked for (the process is not ready yet)
 * - `seeded`: its credentials exist (seeded now or on an earlier start)
 * - `skipped`: the database already held data, so it was not seeded
 * - `failed`: seeding failed (logged); the process serves anyway
 */
export type DemoDataState = 'off' | 'seeding' | 'seeded' | 'skipped' | 'failed';

export class StartupState {
  demoData: DemoDataState = 'off';

  get ready(): boolean {
    return this.demoData !== 'seeding';
  }
}

export const STARTUP_STATE = Symbol('StartupState');

import { randomBytes } from 'node:crypto';
import { buildEvidenceStatement } from '#libs/workforce';
import {
  recordsOf,
  type Plan,
  type PlannedAudit,
  type PlannedMembership,
  type PlannedOrganisation,
  type PlannedWorker,
} from '../plan/plan.js';
import { HttpWriter } from './http-writer.js';

/**
 * Sends a plan through the real write paths of a running Continuum: `/api` commands for
 * organisations, LRS clients, roles, adoption, workers (each organisation's staff list imported in
 * one request, then the later career moves in requests of up to 500 moves), memberships, role assignments and audits
 * (each cycle's self-assessments in one request), and `/xapi/statements` batches (each organisation's
 * own LRS client) for the evidence and learning. Phases run in order (a statement's sender must know
 * its worker first); within a phase, organisations or workers go in parallel. The audits go before
 * the statements: every /api command waits for its read model, which would otherwise queue behind the
 * statements' backlog (the data do not depend on the order sent: every fact carries its own date).
 */
export interface SendOptions {
  baseUrl: string;
  adminToken: string;
  /** Statement batches in flight: half this; /api commands: four times this. Default 8. */
  concurrency?: number;
  /** Statements per xAPI batch. Default 500. */
  batchSize?: number;
  onProgress?: (progress: SendProgress) => void | Promise<void>;
  signal?: AbortSignal;
  /** Where a run records each step sent, so a run interrupted part way resumes after the last (see Journal). */
  journal?: Journal;
}

/**
 * The steps a run has sent, each with what it answered that later steps need (an LRS client's
 * credentials, the workers' and cycles' ids). A run given the journal of an interrupted run of the same
 * plan skips what is in it, so it ends in the same state. A step is recorded once answered: one cut off
 * between its answer and its record is sent again, which the API refuses for a staff list or moves
 * (409: already there) and takes twice for an adoption record or a cycle; statements are taken once.
 */
export interface Journal {
  get(key: string): unknown;
  record(key: string, value: unknown): void;
}

/** The step's answer from the journal, or the step sent and its answer recorded. */
async function once<T>(journal: Journal | undefined, key: string, step: () => Promise<T>): Promise<T> {
  const recorded = journal?.get(key);
  if (recorded !== undefined) return recorded as T;
  const answer = await step();
  journal?.record(key, answer ?? null);
  return answer;
}

export interface SendProgress {
  phase: SendPhase;
  /** Commands and statements done, of `total` (a staff list or a cycle's self-assessments count each row). */
  processed: number;
  total: number;
  /** The same for the current phase alone (phases go at very different rates). */
  phaseProcessed: number;
  phaseTotal: number;
}

export type SendPhase = 'organisations' | 'workers' | 'audits' | 'statements' | 'done';

export interface SendResult {
  organisations: number;
  workers: number;
  statements: number;
  statementBatches: number;
  adoptionRecords: number;
  audits: number;
  surveyResponses: number;
  requests: number;
  seconds: number;
  /** Seconds each phase took: the statements phase's rate is the xAPI ingest rate under generation. */
  phaseSeconds: Partial<Record<SendPhase, number>>;
}

export async function sendPlan(plan: Plan, options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const http = new HttpWriter(options.baseUrl, options.adminToken, options.signal);
  const journal = options.journal;
  const concurrency = options.concurrency ?? 8;
  const batchSize = options.batchSize ?? 500;
  const statementCount = plan.workers.reduce((sum, w) => sum + recordsOf(plan, w).length, 0);
  const total = countRequests(plan) + statementCount;
  const phaseTotals = phaseSizes(plan, statementCount);
  let processed = 0;
  let phaseProcessed = 0;
  let phase: SendPhase = 'organisations';
  let phaseStarted = performance.now();
  const report = () =>
    options.onProgress?.({ phase, processed, total, phaseProcessed, phaseTotal: phaseTotals[phase] });
  // Reported at once, so a caller sees each phase's end (and may stop the run there: `signal`).
  const enter = async (next: SendPhase) => {
    result.phaseSeconds[phase] = Number(((performance.now() - phaseStarted) / 1000).toFixed(1));
    phase = next;
    phaseStarted = performance.now();
    phaseProcessed = 0;
    await report();
  };
  let lastReport = 0;
  const advance = async (n: number) => {
    processed += n;
    phaseProcessed += n;
    if (performance.now() - lastReport < 250) return;
    lastReport = performance.now();
    await report();
  };
  const result: SendResult = {
    organisations: 0,
    workers: 0,
    statements: 0,
    statementBatches: 0,
    adoptionRecords: 0,
    audits: 0,
    surveyResponses: 0,
    requests: 0,
    seconds: 0,
    phaseSeconds: {},
  };

  // /api commands answer once their read model has the change: latency more than work, so the phases
  // of /api commands run four times as many at a time as the statement batches (which do work).
  const commandLanes = concurrency * 4;
  const clients = new Map<string, string>();
  await inParallel(plan.organisations, commandLanes, async (organisation) => {
    clients.set(organisation.id, await registerOrganisation(http, organisation, journal));
    result.organisations++;
    result.adoptionRecords += organisation.adoption.length;
    await advance(5 + organisation.adoption.length);
  });

  await enter('workers');
  const workerIds = new Map<number, string>();
  await inParallel(staffLists(plan), commandLanes, async ({ organisationId, workers }) => {
    const ids = await once(journal, `staff:${organisationId}:${workers[0]!.index}`, () =>
      importStaff(http, organisationId, workers),
    );
    workers.forEach((worker, i) => workerIds.set(worker.index, ids[i]!));
    result.workers += workers.length;
    await advance(workers.reduce((sum, w) => sum + importedCommands(w), 0));
  });
  // The survey's respondents sign in from here on, behind the career moves and the audits' first steps:
  // their password hashes are most of the audits' work, and nothing else there waits on the CPU.
  const sessions = new SurveySessions(http, plan, workerIds, journal);
  sessions.signInAhead(unansweredRespondents(plan, journal));
  for (const [k, round] of careerRounds(plan, workerIds).entries()) {
    await inParallel([...round.entries()], commandLanes, async ([i, { organisationId, rows }]) => {
      await once(journal, `moves:${k}:${i}`, () =>
        http.api('POST', `/api/organisations/${organisationId}/workers/moves`, { rows }),
      );
      await advance(rows.length);
    });
  }

  // A command answers once its read model has it, or after a bounded wait: under load the workforce
  // read model can be behind when the phase ends, and the survey asks it who works where.
  await readModelCaughtUp(http, 'workforce');
  await enter('audits');
  await inParallel(plan.organisations, commandLanes, async (organisation) => {
    for (const [k, audit] of organisation.audits.entries()) {
      await runAudit(http, organisation.id, audit, sessions, (step, send) =>
        once(journal, auditStepKey(organisation.id, k, step), send),
      );
      result.audits++;
      result.surveyResponses += audit.survey.length;
      await advance(auditRequests(audit));
    }
  });

  // Statements name their workers by identifier, which the CLF reactor looks up in the read model.
  await readModelCaughtUp(http, 'workforce');
  await enter('statements');
  const staff = workersByOrganisation(plan);
  await inParallel(plan.organisations, Math.max(1, Math.floor(concurrency / 2)), async (organisation) => {
    const client = clients.get(organisation.id)!;
    let batch: Record<string, unknown>[] = [];
    let batches = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const sending = batch;
      batch = [];
      await once(journal, `statements:${organisation.id}:${batches++}`, () => http.xapi(client, sending));
      result.statements += sending.length;
      result.statementBatches++;
      await advance(sending.length);
    };
    for (const worker of staff.get(organisation.id) ?? []) {
      const actor = { name: worker.name, mbox: worker.mbox };
      for (const record of recordsOf(plan, worker)) {
        if (record.organisationId !== organisation.id) continue;
        batch.push(buildEvidenceStatement(record.evidence, actor, record.statementId));
        if (batch.length >= batchSize) await flush();
      }
    }
    await flush();
  });

  await enter('done');
  result.requests = http.requests;
  result.seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  return result;
}

/**
 * Waits until the read model has applied the log as it was when called (GET /api/admin/projections),
 * or has not moved for a minute (a filtered read model's checkpoint stays at the last event it takes).
 */
async function readModelCaughtUp(http: HttpWriter, name: string): Promise<void> {
  type Status = { name: string; position: string | null; headPosition: string };
  const statusOf = async () =>
    (await http.api<Status[]>('GET', '/api/admin/projections', undefined)).find((p) => p.name === name);
  const head = BigInt((await statusOf())?.headPosition ?? 0);
  let position = -1n;
  let moved = Date.now();
  for (;;) {
    const now = BigInt((await statusOf())?.position ?? 0);
    if (now >= head) return;
    if (now !== position) [position, moved] = [now, Date.now()];
    if (Date.now() - moved > 60_000) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * The respondents of every survey answer not yet sent, in plan order: a run resuming from a journal
 * signs in (a password hash each) only those who still have an answer to give.
 */
function unansweredRespondents(plan: Plan, journal: Journal | undefined): number[] {
  return plan.organisations.flatMap((organisation) =>
    organisation.audits.flatMap((audit, k) =>
      audit.survey
        .filter((_, i) => journal?.get(auditStepKey(organisation.id, k, `survey:${i}`)) === undefined)
        .map((response) => response.workerIndex),
    ),
  );
}

/** The journal's key of an audit cycle's step (`cycle`, `indicators`, `survey:<i>`, `complete`). */
const auditStepKey = (organisationId: string, k: number, step: string) => `audit:${organisationId}:${k}:${step}`;

/** The organisation, its LRS client (whose key and secret come back) and its job roles, then its adoption history. */
async function registerOrganisation(
  http: HttpWriter,
  organisation: PlannedOrganisation,
  journal: Journal | undefined,
): Promise<string> {
  const { id, name, sector, region, serviceType, sizeBand } = organisation;
  await http.api('POST', '/api/organisations', { id, name, sector, region, serviceType, sizeBand }, { existing: true });
  const client = await once(journal, `organisation:${id}:client`, () =>
    http.api<{ key: string; secret: string }>('POST', '/api/admin/lrs-clients', {
      name: `${name} LMS`,
      organisationId: id,
      scopes: ['statements/write', 'statements/read'],
    }),
  );
  // The roles are independent of each other (each its own stream): defined side by side.
  await Promise.all(
    organisation.roles.map((role) =>
      http.api(
        'POST',
        '/api/roles',
        { id: role.id, organisationId: id, name: role.name, requirements: role.requirements, qualifications: [] },
        { existing: true },
      ),
    ),
  );
  for (const [k, { status, date }] of organisation.adoption.entries()) {
    await once(journal, `organisation:${id}:adoption:${k}`, () =>
      http.api('POST', `/api/organisations/${id}/adoption`, { status, date }),
    );
  }
  return `Basic ${Buffer.from(`${client.key}:${client.secret}`).toString('base64')}`;
}

/** Rows one staff-list import sends (the API takes at most 500). */
const STAFF_LIST_ROWS = 250;
/** The commands a staff-list row stands for: the registration, and the first role if any. */
const importedCommands = (worker: PlannedWorker) => 1 + (worker.memberships[0]!.roles.length > 0 ? 1 : 0);

/** Each organisation's first employees (those who start their career there), in lists of STAFF_LIST_ROWS. */
function staffLists(plan: Plan): { organisationId: string; workers: PlannedWorker[] }[] {
  const byEmployer = new Map<string, PlannedWorker[]>();
  for (const worker of plan.workers) {
    const { organisationId } = worker.memberships[0]!;
    (byEmployer.get(organisationId) ?? byEmployer.set(organisationId, []).get(organisationId)!).push(worker);
  }
  return [...byEmployer].flatMap(([organisationId, workers]) =>
    Array.from({ length: Math.ceil(workers.length / STAFF_LIST_ROWS) }, (_, i) => ({
      organisationId,
      workers: workers.slice(i * STAFF_LIST_ROWS, (i + 1) * STAFF_LIST_ROWS),
    })),
  );
}

/** Registration at the first employer with the first role, as the employer's staff list: the workers' ids in order. */
async function importStaff(http: HttpWriter, organisationId: string, workers: PlannedWorker[]): Promise<string[]> {
  const rows = workers.map((worker) => {
    const first = worker.memberships[0]!;
    const role = first.roles[0];
    return {
      name: worker.name,
      identifiers: [{ mbox: worker.mbox }],
      joinedOn: first.from,
      ...(role ? { roleId: role.roleId } : {}),
    };
  });
  const answer = await http.api<{ workers: { id: string }[] }>(
    'POST',
    `/api/organisations/${organisationId}/workers/import`,
    { workers: rows },
  );
  return answer.workers.map((w) => w.id);
}

/** A worker's place at one organisation changing on a date, as POST …/workers/moves takes it. */
interface MoveRow {
  workerId: string;
  action: 'join' | 'assign-role' | 'leave';
  date: string;
  roleId?: string;
}

/** Moves one request sends (the API takes at most 500). */
const MOVES_ROWS = 500;

/**
 * After the staff lists, every later role, leaving and joining (turnover) as each organisation's moves,
 * in rounds: round k holds each worker's k-th membership (joining it, its roles, leaving it), so within a
 * round a worker is in one request only (no two requests race on a worker's stream), and the rounds go
 * in career order. A worker's moves stay in one request.
 */
function careerRounds(
  plan: Plan,
  workerIds: ReadonlyMap<number, string>,
): { organisationId: string; rows: MoveRow[] }[][] {
  const rounds: Map<string, MoveRow[][]>[] = [];
  for (const worker of plan.workers) {
    const workerId = workerIds.get(worker.index)!;
    for (const [k, membership] of worker.memberships.entries()) {
      const moves = movesAt(workerId, membership, k);
      if (moves.length === 0) continue;
      const byOrganisation = (rounds[k] ??= new Map());
      const lists = byOrganisation.get(membership.organisationId) ?? [];
      byOrganisation.set(membership.organisationId, lists);
      const last = lists.at(-1);
      if (last && last.length + moves.length <= MOVES_ROWS) last.push(...moves);
      else lists.push(moves);
    }
  }
  return rounds.map((byOrganisation) =>
    [...byOrganisation].flatMap(([organisationId, lists]) => lists.map((rows) => ({ organisationId, rows }))),
  );
}

/** A membership's moves: joining (the first came with the staff list, with its first role), its roles, leaving. */
function movesAt(workerId: string, membership: PlannedMembership, k: number): MoveRow[] {
  const { from, to, roles } = membership;
  const moves: MoveRow[] = k > 0 ? [{ workerId, action: 'join', date: from }] : [];
  for (const role of k === 0 ? roles.slice(1) : roles)
    moves.push({ workerId, action: 'assign-role', date: role.from, roleId: role.roleId });
  if (to) moves.push({ workerId, action: 'leave', date: to });
  return moves;
}

async function runAudit(
  http: HttpWriter,
  organisationId: string,
  audit: PlannedAudit,
  sessions: SurveySessions,
  step: <T>(name: string, send: () => Promise<T>) => Promise<T>,
): Promise<void> {
  const base = `/api/organisations/${organisationId}/audits`;
  const { id } = await step('cycle', () => http.api<{ id: string }>('POST', base, { startedOn: audit.startedOn }));
  if (audit.achievedIndicatorIds.length > 0)
    await step('indicators', () =>
      http.api('PUT', `${base}/${id}/indicators`, {
        indicators: audit.achievedIndicatorIds.map((indicatorId) => ({ indicatorId, achieved: true })),
      }),
    );
  // The respondents answer side by side, as a staff survey is answered: each answer waits for the
  // read model on its own, and the API decides racing answers again on the survey's new revision.
  await Promise.all(
    audit.survey.map((response, k) =>
      step(`survey:${k}`, async () => {
        const token = await sessions.tokenOf(response.workerIndex);
        return http.api('POST', `${base}/${id}/survey-responses`, { answers: response.answers }, { token });
      }),
    ),
  );
  if (audit.completedOn)
    await step('complete', () =>
      http.api('POST', `${base}/${id}/complete`, { completedOn: audit.completedOn }, { retryWhileBusy: true }),
    );
}

/**
 * Registrations and sign-ins in flight at once. Each costs the server a password hash (scrypt, ~100 ms
 * of a core) on Node's shared thread pool (four threads), which the database client also needs (a new
 * connection's SCRAM key): every respondent at once would queue those behind minutes of hashing, and
 * the read models every command waits for would stall. Twice the pool keeps it busy, the queue short.
 */
const SIGN_INS_IN_FLIGHT = 8;

/**
 * The staff survey is answered by workers signed in as themselves: each respondent gets a user with the
 * worker role (a random password, never shown) and one session, kept for every cycle they answer.
 */
class SurveySessions {
  private readonly tokens = new Map<number, Promise<string>>();
  private readonly hashing = limiter(SIGN_INS_IN_FLIGHT);

  constructor(
    private readonly http: HttpWriter,
    private readonly plan: Plan,
    private readonly workerIds: Map<number, string>,
    private readonly journal: Journal | undefined,
  ) {}

  /**
   * Starts signing these workers in, in this order, without waiting: `tokenOf` later finds the session
   * (or the failure, which it rethrows).
   */
  signInAhead(workerIndices: readonly number[]): void {
    for (const workerIndex of workerIndices) this.tokenOf(workerIndex).catch(() => {});
  }

  tokenOf(workerIndex: number): Promise<string> {
    let token = this.tokens.get(workerIndex);
    if (!token) {
      token = this.hashing(() => this.signIn(workerIndex));
      this.tokens.set(workerIndex, token);
    }
    return token;
  }

  private async signIn(workerIndex: number): Promise<string> {
    const worker = this.plan.workers[workerIndex]!;
    const email = worker.mbox.slice('mailto:'.length);
    // Kept in the journal (a resumed run signs the same user in again), never shown.
    const password = await once(this.journal, `user:${workerIndex}`, async () => {
      const chosen = randomBytes(18).toString('base64url');
      await this.http.api('POST', '/api/admin/users', {
        email,
        displayName: worker.name,
        password: chosen,
        roles: [{ kind: 'worker', workerId: this.workerIds.get(workerIndex) }],
      });
      return chosen;
    });
    const { token } = await this.http.api<{ token: string }>(
      'POST',
      '/api/auth/sign-in',
      { email, password },
      { token: null },
    );
    return token;
  }
}

export function workersByOrganisation(plan: Plan): Map<string, PlannedWorker[]> {
  const staff = new Map<string, PlannedWorker[]>();
  for (const worker of plan.workers) {
    for (const organisationId of new Set(worker.memberships.map((m) => m.organisationId))) {
      (staff.get(organisationId) ?? staff.set(organisationId, []).get(organisationId)!).push(worker);
    }
  }
  return staff;
}

/** Commands the plan makes besides statements, for the progress total. */
export function countRequests(plan: Plan): number {
  const { organisations, workers, audits } = phaseSizes(plan, 0);
  return organisations + workers + audits;
}

/** What each phase counts in its progress: commands (a staff-list row or a move counts one), statements. */
function phaseSizes(plan: Plan, statements: number): Record<SendPhase, number> {
  const sum = <T>(items: readonly T[], count: (item: T) => number) => items.reduce((n, item) => n + count(item), 0);
  return {
    organisations: sum(plan.organisations, (o) => 5 + o.adoption.length),
    workers: sum(plan.workers, careerRequests),
    audits: sum(plan.organisations, (o) => sum(o.audits, auditRequests)),
    statements,
    done: 0,
  };
}

function careerRequests(worker: PlannedWorker): number {
  return worker.memberships.reduce((sum, m, i) => sum + (i > 0 ? 1 : 0) + m.roles.length + (m.to ? 1 : 0), 1);
}

function auditRequests(audit: PlannedAudit): number {
  return 1 + audit.achievedIndicatorIds.length + audit.survey.length + (audit.completedOn ? 1 : 0);
}

/** Wraps calls so at most `limit` run at a time; the others start, in order, as those finish. */
function limiter(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/** Runs `work` over the items with at most `limit` at a time; the first failure stops the rest. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown;
  const lane = async () => {
    while (next < items.length && failed === undefined) {
      const item = items[next++]!;
      await work(item).catch((error: unknown) => {
        failed ??= error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failed !== undefined) throw failed;
}

import { randomBytes } from 'node:crypto';
import { buildEvidenceStatement } from '#libs/workforce';
import { recordsOf, type Plan, type PlannedAudit, type PlannedOrganisation, type PlannedWorker } from '../plan/plan.js';
import { HttpWriter } from './http-writer.js';

/**
 * Sends a plan through the real write paths of a running Continuum: `/api` commands for
 * organisations, LRS clients, roles, adoption, workers (each organisation's staff list imported in
 * one request, then the later career moves one by one), memberships, role assignments and audits
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
}

export interface SendProgress {
  phase: SendPhase;
  /** Commands and statements done, of `total` (a staff list or a cycle's self-assessments count each row). */
  processed: number;
  total: number;
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
  const concurrency = options.concurrency ?? 8;
  const batchSize = options.batchSize ?? 500;
  const statementCount = plan.workers.reduce((sum, w) => sum + recordsOf(plan, w).length, 0);
  const total = countRequests(plan) + statementCount;
  let processed = 0;
  let phase: SendPhase = 'organisations';
  let phaseStarted = performance.now();
  const enter = (next: SendPhase) => {
    result.phaseSeconds[phase] = Number(((performance.now() - phaseStarted) / 1000).toFixed(1));
    phase = next;
    phaseStarted = performance.now();
  };
  let lastReport = 0;
  const advance = async (n: number) => {
    processed += n;
    if (performance.now() - lastReport < 250) return;
    lastReport = performance.now();
    await options.onProgress?.({ phase, processed, total });
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
    clients.set(organisation.id, await registerOrganisation(http, organisation));
    result.organisations++;
    result.adoptionRecords += organisation.adoption.length;
    await advance(5 + organisation.adoption.length);
  });

  enter('workers');
  const workerIds = new Map<number, string>();
  await inParallel(staffLists(plan), commandLanes, async ({ organisationId, workers }) => {
    const ids = await importStaff(http, organisationId, workers);
    workers.forEach((worker, i) => workerIds.set(worker.index, ids[i]!));
    result.workers += workers.length;
    await advance(workers.reduce((sum, w) => sum + importedCommands(w), 0));
  });
  await inParallel(plan.workers, commandLanes, async (worker) => {
    await followCareer(http, workerIds.get(worker.index)!, worker);
    await advance(careerRequests(worker) - importedCommands(worker));
  });

  enter('audits');
  const sessions = new SurveySessions(http, plan, workerIds);
  await inParallel(plan.organisations, commandLanes, async (organisation) => {
    for (const audit of organisation.audits) {
      await runAudit(http, organisation.id, audit, sessions);
      result.audits++;
      result.surveyResponses += audit.survey.length;
      await advance(auditRequests(audit));
    }
  });

  enter('statements');
  const staff = workersByOrganisation(plan);
  await inParallel(plan.organisations, Math.max(1, Math.floor(concurrency / 2)), async (organisation) => {
    const client = clients.get(organisation.id)!;
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const sending = batch;
      batch = [];
      await http.xapi(client, sending);
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

  enter('done');
  result.requests = http.requests;
  result.seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  await options.onProgress?.({ phase, processed, total });
  return result;
}

/** The organisation, its LRS client (whose key and secret come back) and its job roles, then its adoption history. */
async function registerOrganisation(http: HttpWriter, organisation: PlannedOrganisation): Promise<string> {
  const { id, name, sector, region, serviceType, sizeBand } = organisation;
  await http.api('POST', '/api/organisations', { id, name, sector, region, serviceType, sizeBand }, { existing: true });
  const client = await http.api<{ key: string; secret: string }>('POST', '/api/admin/lrs-clients', {
    name: `${name} LMS`,
    organisationId: id,
    scopes: ['statements/write', 'statements/read'],
  });
  for (const role of organisation.roles) {
    await http.api(
      'POST',
      '/api/roles',
      { id: role.id, organisationId: id, name: role.name, requirements: role.requirements, qualifications: [] },
      { existing: true },
    );
  }
  for (const { status, date } of organisation.adoption) {
    await http.api('POST', `/api/organisations/${id}/adoption`, { status, date });
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

/** After the staff list: each later role, leaving and joining (turnover) in date order. */
async function followCareer(http: HttpWriter, id: string, worker: PlannedWorker): Promise<void> {
  for (const [i, membership] of worker.memberships.entries()) {
    if (i > 0)
      await http.api('POST', `/api/workers/${id}/memberships`, {
        organisationId: membership.organisationId,
        from: membership.from,
      });
    // The first role at the first employer came with the staff list.
    for (const role of i === 0 ? membership.roles.slice(1) : membership.roles)
      await http.api('POST', `/api/workers/${id}/roles`, role);
    if (membership.to)
      await http.api('POST', `/api/workers/${id}/memberships/end`, {
        organisationId: membership.organisationId,
        to: membership.to,
      });
  }
}

async function runAudit(
  http: HttpWriter,
  organisationId: string,
  audit: PlannedAudit,
  sessions: SurveySessions,
): Promise<void> {
  const base = `/api/organisations/${organisationId}/audits`;
  const { id } = await http.api<{ id: string }>('POST', base, { startedOn: audit.startedOn });
  if (audit.achievedIndicatorIds.length > 0)
    await http.api('PUT', `${base}/${id}/indicators`, {
      indicators: audit.achievedIndicatorIds.map((indicatorId) => ({ indicatorId, achieved: true })),
    });
  for (const response of audit.survey) {
    const token = await sessions.tokenOf(response.workerIndex);
    await http.api('POST', `${base}/${id}/survey-responses`, { answers: response.answers }, { token });
  }
  if (audit.completedOn)
    await http.api('POST', `${base}/${id}/complete`, { completedOn: audit.completedOn }, { retryWhileBusy: true });
}

/**
 * The staff survey is answered by workers signed in as themselves: each respondent gets a user with the
 * worker role (a random password, never shown) and one session, kept for every cycle they answer.
 */
class SurveySessions {
  private readonly tokens = new Map<number, Promise<string>>();

  constructor(
    private readonly http: HttpWriter,
    private readonly plan: Plan,
    private readonly workerIds: Map<number, string>,
  ) {}

  tokenOf(workerIndex: number): Promise<string> {
    let token = this.tokens.get(workerIndex);
    if (!token) {
      token = this.signIn(workerIndex);
      this.tokens.set(workerIndex, token);
    }
    return token;
  }

  private async signIn(workerIndex: number): Promise<string> {
    const worker = this.plan.workers[workerIndex]!;
    const email = worker.mbox.slice('mailto:'.length);
    const password = randomBytes(18).toString('base64url');
    await this.http.api('POST', '/api/admin/users', {
      email,
      displayName: worker.name,
      password,
      roles: [{ kind: 'worker', workerId: this.workerIds.get(workerIndex) }],
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
  const organisations = plan.organisations.reduce(
    (sum, o) => sum + 5 + o.adoption.length + o.audits.reduce((s, a) => s + auditRequests(a), 0),
    0,
  );
  return organisations + plan.workers.reduce((sum, w) => sum + careerRequests(w), 0);
}

function careerRequests(worker: PlannedWorker): number {
  return worker.memberships.reduce((sum, m, i) => sum + (i > 0 ? 1 : 0) + m.roles.length + (m.to ? 1 : 0), 1);
}

function auditRequests(audit: PlannedAudit): number {
  return 1 + audit.achievedIndicatorIds.length + audit.survey.length + (audit.completedOn ? 1 : 0);
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

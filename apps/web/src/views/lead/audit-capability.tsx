import { useQueryClient } from '@tanstack/preact-query';
import type { ChartConfiguration } from 'chart.js';
import { useMemo, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { auditPaths, keys, useAudit, useAuditStructure, useFramework } from '../../api/queries';
import {
  ACHIEVABLE_STAGES,
  ACTION_STATUSES,
  type ActionStatus,
  type AuditCycle,
  type AuditItem,
  type AuditStructure,
  type Framework,
  type OrganisationalCapability,
} from '../../api/types';
import { ChartCanvas } from '../../components/chart';
import { PageHeading, ScrollTable } from '../../components/page';
import { ErrorMessage, Loaded, Notice, Problem } from '../../components/status';
import { stageLabel } from '../../labels';
import {
  AuditNav,
  AuditStageBadge,
  capabilityLabel,
  formatDay,
  organisationalCapability,
  sendEach,
} from './audit-parts';

type CapabilityAudit = AuditStructure['capabilities'][number];
type Area = CapabilityAudit['areas'][number];

/**
 * One capability of a cycle as seed 003 lays it out: per area for reflection, the questions, the
 * self-assessment chart and the staff perceptions; then review and action planning.
 */
export function AuditCapabilityView({
  organisationId,
  auditId,
  capabilityId,
}: {
  organisationId: string;
  auditId: string;
  capabilityId: string;
}) {
  const framework = useFramework();
  const structure = useAuditStructure();
  const cycle = useAudit(organisationId, auditId);
  const capabilityName = framework.data ? capabilityLabel(framework.data, capabilityId) : 'Capability';
  return (
    <>
      <p class="breadcrumbs">
        <a href={`/organisations/${organisationId}/audit`}>Self-audit</a> ›{' '}
        <a href={`/organisations/${organisationId}/audits/${auditId}`}>
          {cycle.data ? `cycle started ${formatDay(cycle.data.startedOn)}` : 'this cycle'}
        </a>{' '}
        › capability
      </p>
      <PageHeading title={capabilityName}>{capabilityName}</PageHeading>
      <AuditNav organisationId={organisationId} current="audit" />
      <Loaded query={framework} what="the CLF catalogue">
        {(f) => (
          <Loaded query={structure} what="the self-audit structure">
            {(s) => (
              <Loaded query={cycle} what="the audit cycle">
                {(c) => {
                  const audit = s.capabilities.find((x) => x.capabilityId === capabilityId);
                  const capability = organisationalCapability(f, capabilityId);
                  if (!audit || !capability)
                    return (
                      <Problem title="Not found">The CLF has no organisational capability "{capabilityId}".</Problem>
                    );
                  return (
                    <CapabilityAuditPage
                      organisationId={organisationId}
                      cycle={c}
                      audit={audit}
                      capability={capability}
                      structure={s}
                      framework={f}
                    />
                  );
                }}
              </Loaded>
            )}
          </Loaded>
        )}
      </Loaded>
    </>
  );
}

interface PageProps {
  organisationId: string;
  cycle: AuditCycle;
  audit: CapabilityAudit;
  capability: OrganisationalCapability;
  structure: AuditStructure;
  framework: Framework;
}

function CapabilityAuditPage(props: PageProps) {
  const { organisationId, cycle, audit, capability, structure, framework } = props;
  const index = structure.capabilities.indexOf(audit);
  const neighbour = (i: number) => structure.capabilities[i];
  const base = `/organisations/${organisationId}/audits/${cycle.id}/capabilities`;
  return (
    <>
      <p>{capability.summary}</p>
      {audit.basis === 'indicators' ? (
        <p class="hint">
          The CLF audit tool (seed 003) lays out capability 1 only; this capability's audit is built from its own
          indicators, without reflection questions.
        </p>
      ) : null}
      {cycle.completedOn ? (
        <Notice>
          This cycle was completed on {formatDay(cycle.completedOn)}: reflections and self-assessments are shown as they
          were. Actions may still change status.
        </Notice>
      ) : null}
      {audit.areas.map((area) => (
        <AreaSection key={area.id} area={area} {...props} />
      ))}
      <SelfAssessmentChart audit={audit} cycle={cycle} capabilityName={capability.name} />
      <ReviewAndActions {...props} />
      <nav aria-label="Other capabilities" class="pager">
        {neighbour(index - 1) ? (
          <a href={`${base}/${neighbour(index - 1)!.capabilityId}`}>
            Previous: {capabilityLabel(framework, neighbour(index - 1)!.capabilityId)}
          </a>
        ) : null}
        {neighbour(index + 1) ? (
          <a href={`${base}/${neighbour(index + 1)!.capabilityId}`}>
            Next: {capabilityLabel(framework, neighbour(index + 1)!.capabilityId)}
          </a>
        ) : null}
      </nav>
    </>
  );
}

function AreaSection({ area, organisationId, cycle }: PageProps & { area: Area }) {
  const headingId = `area-${area.id.replace(/[^a-z0-9-]/gi, '-')}`;
  return (
    <section aria-labelledby={headingId} class="card">
      <h2 id={headingId}>{area.questions.length ? `Area for reflection: ${area.title}` : area.title}</h2>
      {area.introduction ? <p>{area.introduction}</p> : null}
      {area.suggestedEvidence.length ? (
        <p class="hint">Possible areas of evidence: {area.suggestedEvidence.join('; ')}.</p>
      ) : null}
      {area.questions.length ? <ReflectionsForm area={area} organisationId={organisationId} cycle={cycle} /> : null}
      <SelfAssessmentForm area={area} organisationId={organisationId} cycle={cycle} />
      <StaffPerceptions area={area} cycle={cycle} />
    </section>
  );
}

/** Saves what changed, one PUT per question, then refreshes the cycle (and the status and history under it). */
function useSaver(organisationId: string) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ busy: boolean; error?: unknown; saved?: string }>({ busy: false });
  const save = async <T,>(
    items: T[],
    send: (item: T) => Promise<unknown>,
    name: (item: T) => string,
    saved: string,
  ) => {
    if (!items.length) return setState({ busy: false, saved: 'Nothing changed.' });
    setState({ busy: true });
    try {
      await sendEach(items, send, name);
      await queryClient.invalidateQueries({ queryKey: keys.audits(organisationId) });
      setState({ busy: false, saved });
    } catch (error) {
      await queryClient.invalidateQueries({ queryKey: keys.audits(organisationId) });
      setState({ busy: false, error });
    }
  };
  return { state, save };
}

function ReflectionsForm({ area, organisationId, cycle }: { area: Area; organisationId: string; cycle: AuditCycle }) {
  const { state, save } = useSaver(organisationId);
  const answerOf = (questionId: string) => cycle.answers.find((a) => a.questionId === questionId)?.response ?? '';
  function submit(event: Event) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const changed = area.questions
      .map((q, i) => ({ q, i, response: ((data.get(q.id) as string) ?? '').trim() }))
      .filter(({ q, response }) => response && response !== answerOf(q.id));
    void save(
      changed,
      ({ q, response }) =>
        api('PUT', `${auditPaths.audit(organisationId, cycle.id)}/answers/${encodeURIComponent(q.id)}`, { response }),
      ({ i }) => `question ${i + 1}`,
      `Reflections saved (${changed.length}).`,
    );
  }
  return (
    <form onSubmit={submit} aria-label={`Reflections: ${area.title}`}>
      <fieldset disabled={cycle.completedOn !== null}>
        <legend>Your reflections and evidence</legend>
        {area.questions.map((q, i) => (
          <div class="field" key={q.id}>
            <label for={`q-${q.id}`}>
              Q{i + 1}. {q.text}
            </label>
            <textarea id={`q-${q.id}`} name={q.id} rows={3} maxLength={10000} defaultValue={answerOf(q.id)} />
          </div>
        ))}
        <SaveRow state={state} label="Save reflections" />
      </fieldset>
    </form>
  );
}

function SelfAssessmentForm({
  area,
  organisationId,
  cycle,
}: {
  area: Area;
  organisationId: string;
  cycle: AuditCycle;
}) {
  const { state, save } = useSaver(organisationId);
  const recorded = (indicatorId: string) => cycle.selfAssessments.find((a) => a.indicatorId === indicatorId);
  const { title, instruction, items } = area.selfAssessment;
  function submit(event: Event) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const changed = items
      .map((item) => ({
        item,
        achieved: data.get(`achieved-${item.indicatorId}`) as string | null,
        evidence: ((data.get(`evidence-${item.indicatorId}`) as string) ?? '').trim(),
      }))
      .filter(({ achieved }) => achieved !== null)
      .map(({ item, achieved, evidence }) => ({ item, achieved: achieved === 'yes', evidence }))
      .filter(({ item, achieved, evidence }) => {
        const before = recorded(item.indicatorId);
        return !before || before.achieved !== achieved || before.evidence !== evidence;
      });
    void save(
      changed,
      ({ item, achieved, evidence }) =>
        api('PUT', `${auditPaths.audit(organisationId, cycle.id)}/indicators/${encodeURIComponent(item.indicatorId)}`, {
          achieved,
          ...(evidence ? { evidence } : {}),
        }),
      ({ item }) => item.text,
      `${title}: ${changed.length} indicator${changed.length === 1 ? '' : 's'} saved.`,
    );
  }
  return (
    <form onSubmit={submit} aria-label={title}>
      <h3>{title}</h3>
      <p>{instruction}</p>
      <fieldset disabled={cycle.completedOn !== null} class="plain-fieldset">
        <legend class="visually-hidden">{title}</legend>
        {items.map((item) => {
          const before = recorded(item.indicatorId);
          const value = before ? (before.achieved ? 'yes' : 'no') : undefined;
          return (
            <fieldset key={item.indicatorId} class="indicator-judgement">
              <legend>
                <span class="indicator-stage">{stageLabel(item.stage)}:</span> The organisation {lowerFirst(item.text)}
              </legend>
              <div class="choice-row">
                <span class="choice-label">Achieved?</span>
                <label class="choice">
                  <input
                    type="radio"
                    name={`achieved-${item.indicatorId}`}
                    value="yes"
                    defaultChecked={value === 'yes'}
                  />{' '}
                  Yes
                </label>
                <label class="choice">
                  <input
                    type="radio"
                    name={`achieved-${item.indicatorId}`}
                    value="no"
                    defaultChecked={value === 'no'}
                  />{' '}
                  No
                </label>
              </div>
              <div class="field">
                <label for={`evidence-${item.indicatorId}`} class="label-quiet">
                  Evidence (optional)
                </label>
                <input
                  id={`evidence-${item.indicatorId}`}
                  name={`evidence-${item.indicatorId}`}
                  maxLength={10000}
                  defaultValue={before?.evidence ?? ''}
                />
              </div>
            </fieldset>
          );
        })}
        <SaveRow state={state} label={`Save ${title.split(':')[0]}`} />
      </fieldset>
    </form>
  );
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function SaveRow({ state, label }: { state: { busy: boolean; error?: unknown; saved?: string }; label: string }) {
  return (
    <>
      {state.error ? <ErrorMessage error={state.error} title="Not all saved" /> : null}
      {state.saved ? <Notice>{state.saved}</Notice> : null}
      <div class="actions">
        <button type="submit" class="button" disabled={state.busy}>
          {label}
        </button>
      </div>
    </>
  );
}

/** The staff survey's results for the area's worker indicators; nothing at all under 5 respondents. */
function StaffPerceptions({ area, cycle }: { area: Area; cycle: AuditCycle }) {
  const { survey } = cycle;
  const resultOf = (indicatorId: string) => survey.indicators.find((i) => i.indicatorId === indicatorId);
  return (
    <>
      <h3>Staff perceptions</h3>
      <p>{area.staffPerceptions.instruction.replace(/\s*\(see Appendix 1\)/, '')}</p>
      {survey.suppressed ? (
        <p class="notice">
          <strong>Suppressed:</strong> {survey.respondents} worker{survey.respondents === 1 ? ' has' : 's have'}{' '}
          answered the staff survey; results are shown from 5 respondents on, so that no answer can be traced to a
          person.
        </p>
      ) : null}
      <ScrollTable label={`Staff perceptions: ${area.title}`}>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">The social service worker should…</th>
              <th scope="col">Stage</th>
              <th scope="col">Agreeing</th>
              <th scope="col">Evidenced?</th>
            </tr>
          </thead>
          <tbody>
            {area.staffPerceptions.items.map((item) => {
              const result = resultOf(item.indicatorId);
              return (
                <tr key={item.indicatorId}>
                  <th scope="row">{item.text}</th>
                  <td>{stageLabel(item.stage)}</td>
                  <td>
                    {survey.suppressed
                      ? 'suppressed'
                      : result
                        ? `${result.agreeing} of ${result.answered}`
                        : 'no answers'}
                  </td>
                  <td>{survey.suppressed ? 'suppressed' : result?.evidenced ? 'Yes' : 'No'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollTable>
    </>
  );
}

/** Seed 003's self-assessment chart summed up: per stage, how many organisation indicators are achieved. */
function SelfAssessmentChart({
  audit,
  cycle,
  capabilityName,
}: {
  audit: CapabilityAudit;
  cycle: AuditCycle;
  capabilityName: string;
}) {
  const counts = useMemo(
    () =>
      countsByStage(
        audit.areas.flatMap((a) => a.selfAssessment.items),
        cycle,
      ),
    [audit, cycle],
  );
  const config = useMemo(() => chartOf(counts), [counts]);
  const summary = `Organisation indicators of ${capabilityName} by stage: ${counts.map((c) => `${stageLabel(c.stage)} ${c.achieved} achieved, ${c.notAchieved} not achieved, ${c.notAssessed} not assessed`).join('; ')}.`;
  return (
    <section aria-labelledby="chart-heading" class="card">
      <h2 id="chart-heading">Self-assessment by stage</h2>
      <ChartCanvas config={config} summary={summary} height={220} />
      <ScrollTable label="Self-assessment by stage">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Achieved</th>
              <th scope="col">Not achieved</th>
              <th scope="col">Not assessed</th>
            </tr>
          </thead>
          <tbody>
            {counts.map((c) => (
              <tr key={c.stage}>
                <th scope="row">{stageLabel(c.stage)}</th>
                <td>{c.achieved}</td>
                <td>{c.notAchieved}</td>
                <td>{c.notAssessed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  );
}

function countsByStage(items: AuditItem[], cycle: AuditCycle) {
  return ACHIEVABLE_STAGES.map((stage) => {
    const atStage = items.filter((i) => i.stage === stage);
    const judged = atStage.map((i) => cycle.selfAssessments.find((a) => a.indicatorId === i.indicatorId));
    const achieved = judged.filter((j) => j?.achieved === true).length;
    const notAchieved = judged.filter((j) => j?.achieved === false).length;
    return { stage, achieved, notAchieved, notAssessed: atStage.length - achieved - notAchieved };
  });
}

function chartOf(counts: ReturnType<typeof countsByStage>): ChartConfiguration<'bar'> {
  const series = [
    { label: 'Achieved', key: 'achieved', colour: '#047857' },
    { label: 'Not achieved', key: 'notAchieved', colour: '#b91c1c' },
    { label: 'Not assessed', key: 'notAssessed', colour: '#64748b' },
  ] as const;
  return {
    type: 'bar',
    data: {
      labels: counts.map((c) => stageLabel(c.stage)),
      datasets: series.map((s) => ({ label: s.label, data: counts.map((c) => c[s.key]), backgroundColor: s.colour })),
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { type: 'linear', stacked: true, ticks: { stepSize: 1 } }, y: { type: 'category', stacked: true } },
      plugins: { legend: { position: 'bottom' } },
    },
  };
}

/** Review and action planning: the potential areas for development with their actions, and adding one. */
function ReviewAndActions({ organisationId, cycle, capability, structure }: PageProps) {
  const status = cycle.capabilities.find((c) => c.capabilityId === capability.id);
  const actions = cycle.actions.filter((a) => a.capabilityId === capability.id);
  const areas = status?.areasForDevelopment ?? [];
  return (
    <section aria-labelledby="review-heading" class="card">
      <h2 id="review-heading">{structure.review.title}</h2>
      <ul>
        {structure.review.guidance.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p class="big-figure">
        Self-assessed stage: {status ? <AuditStageBadge stage={status.selfAssessedStage} /> : 'unknown'} · staff
        perception: {status ? <AuditStageBadge stage={status.staffPerceptionStage} /> : 'unknown'}
      </p>
      <h3>Potential areas for development</h3>
      {areas.length ? (
        <ul class="plain-list">
          {areas.map((a) => (
            <li key={a.indicatorId}>
              <span class="indicator-stage">{stageLabel(a.stage)}:</span> the organisation {a.text}
            </li>
          ))}
        </ul>
      ) : (
        <p>None: every organisation indicator of every stage is achieved.</p>
      )}
      <h3>Actions</h3>
      <ActionsTable organisationId={organisationId} cycle={cycle} actions={actions} capability={capability} />
      {cycle.completedOn ? null : (
        <AddActionForm
          organisationId={organisationId}
          cycle={cycle}
          capability={capability}
          suggested={areas.map((a) => a.indicatorId)}
        />
      )}
    </section>
  );
}

const indicatorText = (capability: OrganisationalCapability, indicatorId: string) => {
  for (const s of capability.stages) {
    const found = [...s.organisationIndicators, ...s.workerIndicators].find((i) => i.id === indicatorId);
    if (found) return `${stageLabel(s.stage)}: ${found.text}`;
  }
  return indicatorId;
};

const STATUS_LABELS: Record<ActionStatus, string> = { open: 'Open', done: 'Done', dropped: 'Dropped' };

function ActionsTable({
  organisationId,
  cycle,
  actions,
  capability,
}: {
  organisationId: string;
  cycle: AuditCycle;
  actions: AuditCycle['actions'];
  capability: OrganisationalCapability;
}) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>();
  const [changed, setChanged] = useState<string>();
  if (!actions.length) return <p>No action planned yet.</p>;
  async function change(actionId: string, description: string, status: ActionStatus) {
    setError(undefined);
    setChanged(undefined);
    try {
      await api('PUT', `${auditPaths.audit(organisationId, cycle.id)}/actions/${encodeURIComponent(actionId)}`, {
        status,
      });
      await queryClient.invalidateQueries({ queryKey: keys.audits(organisationId) });
      setChanged(`"${description}" is now ${STATUS_LABELS[status].toLowerCase()}.`);
    } catch (failure) {
      setError(failure);
    }
  }
  return (
    <>
      <ScrollTable label="Actions">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">For the indicator</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {actions.map((action) => (
              <tr key={action.id}>
                <th scope="row">{action.description}</th>
                <td>{indicatorText(capability, action.indicatorId)}</td>
                <td>{action.owner}</td>
                <td>{formatDay(action.due)}</td>
                <td>
                  <label for={`status-${action.id}`} class="visually-hidden">
                    Status of {action.description}
                  </label>
                  <select
                    id={`status-${action.id}`}
                    value={action.status}
                    onChange={(e) => void change(action.id, action.description, e.currentTarget.value as ActionStatus)}
                  >
                    {ACTION_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {STATUS_LABELS[s]}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      {error ? <ErrorMessage error={error} title="The status was not changed" /> : null}
      {changed ? <Notice>{changed}</Notice> : null}
    </>
  );
}

function AddActionForm({
  organisationId,
  cycle,
  capability,
  suggested,
}: {
  organisationId: string;
  cycle: AuditCycle;
  capability: OrganisationalCapability;
  suggested: string[];
}) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ busy: boolean; error?: unknown; saved?: string }>({ busy: false });
  const [formKey, setFormKey] = useState(0);
  const others = capability.stages
    .flatMap((s) => s.organisationIndicators.map((i) => i.id))
    .filter((id) => !suggested.includes(id));
  async function submit(event: Event) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const body = {
      indicatorId: data.get('indicatorId'),
      description: ((data.get('description') as string) ?? '').trim(),
      owner: ((data.get('owner') as string) ?? '').trim(),
      due: data.get('due'),
    };
    setState({ busy: true });
    try {
      await api('POST', `${auditPaths.audit(organisationId, cycle.id)}/actions`, body);
      await queryClient.invalidateQueries({ queryKey: keys.audits(organisationId) });
      setState({ busy: false, saved: `Action added: ${body.description}.` });
      setFormKey(formKey + 1);
    } catch (error) {
      setState({ busy: false, error });
    }
  }
  return (
    <form key={formKey} class="form" onSubmit={submit} aria-labelledby="add-action-heading">
      <h4 id="add-action-heading">Add an action</h4>
      <div class="field">
        <label for="action-indicator">Indicator</label>
        <select id="action-indicator" name="indicatorId" required>
          {suggested.length ? (
            <optgroup label="Potential areas for development">
              {suggested.map((id) => (
                <option key={id} value={id}>
                  {indicatorText(capability, id)}
                </option>
              ))}
            </optgroup>
          ) : null}
          <optgroup label="Other organisation indicators">
            {others.map((id) => (
              <option key={id} value={id}>
                {indicatorText(capability, id)}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <div class="field">
        <label for="action-description">What will be done</label>
        <textarea id="action-description" name="description" rows={2} required maxLength={2000} />
      </div>
      <div class="requirement-row">
        <div class="field">
          <label for="action-owner">Owner</label>
          <input id="action-owner" name="owner" required maxLength={200} />
        </div>
        <div class="field">
          <label for="action-due">Due</label>
          <input id="action-due" name="due" type="date" required />
        </div>
      </div>
      {state.error ? <ErrorMessage error={state.error} title="The action was not added" /> : null}
      {state.saved ? <Notice>{state.saved}</Notice> : null}
      <button type="submit" class="button-secondary" disabled={state.busy}>
        Add the action
      </button>
    </form>
  );
}

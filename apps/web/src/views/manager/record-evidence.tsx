import { useQueryClient } from '@tanstack/preact-query';
import { useLocation } from 'preact-iso/router';
import { useState } from 'preact/hooks';
import { mayRecordFor, type Reach } from '../../access';
import { api } from '../../api/client';
import { keys, useCapabilities, useFramework, useTimeline } from '../../api/queries';
import {
  ACHIEVABLE_STAGES,
  type CapabilityProfile,
  type Framework,
  type PersonalCapability,
  type StageName,
} from '../../api/types';
import { StageBadge } from '../../components/stage';
import { ErrorMessage, Loaded, Notice, Problem } from '../../components/status';
import { TimelineList } from '../../components/timeline-list';
import { useWorkerName, WorkerFrame } from '../../components/worker-frame';
import { catalogueOf, GROUP_LABELS, SOURCE_LABELS, stageLabel } from '../../labels';
import { useSession } from '../../session';

type FormKind = 'feedback' | 'observation' | 'assessment' | 'learning-need' | 'plan-item';

const FORMS: { kind: FormKind; label: string; hint: string }[] = [
  {
    kind: 'feedback',
    label: 'Feedback',
    hint: 'What a colleague, a person using services, a carer or you said; it may evidence indicators.',
  },
  {
    kind: 'observation',
    label: 'Observation of practice',
    hint: 'What you saw in practice, judged against the indicators.',
  },
  {
    kind: 'assessment',
    label: 'Assessment of indicators',
    hint: 'A judgement of each indicator, by you or an assessor.',
  },
  { kind: 'learning-need', label: 'Learning need', hint: 'A need agreed in supervision.' },
  { kind: 'plan-item', label: 'Plan item', hint: 'A step of the learning plan.' },
];

const FEEDBACK_SOURCES = ['line-manager', 'colleague', 'person-using-services', 'carer', 'self'] as const;
const ASSESSMENT_SOURCES = ['line-manager', 'assessor', 'colleague', 'person-using-services', 'carer'] as const;
const PLAN_STATUSES = [
  ['planned', 'Planned'],
  ['in-progress', 'In progress'],
  ['completed', 'Completed'],
  ['dropped', 'Dropped'],
] as const;

/** One API call of a form: evidence of one kind (the API stores each as a CLF statement). */
type Evidence = Record<string, unknown> & { kind: string };

/**
 * A line manager records evidence in supervision: feedback, an observation, an assessment of indicators
 * (with their texts in front of them), a learning need or a plan item. What was recorded and any
 * change of stage show at once: the API answers once the evidence is visible.
 */
export function RecordEvidenceView({ workerId, reach }: { workerId: string; reach: Reach }) {
  const framework = useFramework();
  const profile = useCapabilities(workerId);
  if (!mayRecordFor(reach, workerId)) {
    return (
      <WorkerFrame workerId={workerId} reach={reach} section="record" title="Record evidence">
        <p role="alert">Only the worker's line manager or learning lead records evidence here.</p>
      </WorkerFrame>
    );
  }
  return (
    <WorkerFrame workerId={workerId} reach={reach} section="record" title="Record evidence">
      <Loaded query={framework} what="the CLF catalogue">
        {(f) => (
          <Loaded query={profile} what="the capability stages">
            {(p) => <Recorder workerId={workerId} framework={f} profile={p} reach={reach} />}
          </Loaded>
        )}
      </Loaded>
    </WorkerFrame>
  );
}

function Recorder({
  workerId,
  framework,
  profile,
  reach,
}: {
  workerId: string;
  framework: Framework;
  profile: CapabilityProfile;
  reach: Reach;
}) {
  const location = useLocation();
  const capabilityId = framework.personalCapabilities.some((c) => c.id === location.query.capability)
    ? location.query.capability!
    : framework.personalCapabilities[0]!.id;
  const formKind = (FORMS.find((f) => f.kind === location.query.form)?.kind ?? 'feedback') as FormKind;
  const capability = framework.personalCapabilities.find((c) => c.id === capabilityId)!;
  const reached = profile.capabilities.find((c) => c.capabilityId === capabilityId);
  const { name } = useWorkerName(workerId, reach);
  const [outcome, setOutcome] = useState<string>();
  const choose = (next: { capability?: string; form?: FormKind }) => {
    setOutcome(undefined);
    location.route(
      `/workers/${workerId}/record?capability=${next.capability ?? capabilityId}&form=${next.form ?? formKind}`,
      true,
    );
  };
  return (
    <div class="recorder">
      <form class="filters" aria-label="What to record" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="record-capability">Capability</label>
          <select
            id="record-capability"
            value={capabilityId}
            onChange={(e) => choose({ capability: e.currentTarget.value })}
          >
            {(['managing-self', 'managing-relationships'] as const).map((group) => (
              <optgroup key={group} label={GROUP_LABELS[group]}>
                {framework.personalCapabilities
                  .filter((c) => c.group === group)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <fieldset class="choice-row">
          <legend>What are you recording?</legend>
          {FORMS.map((f) => (
            <label key={f.kind} class="choice">
              <input
                type="radio"
                name="form-kind"
                value={f.kind}
                checked={formKind === f.kind}
                onChange={() => choose({ form: f.kind })}
              />
              {f.label}
            </label>
          ))}
        </fieldset>
      </form>
      <p class="stage-now" aria-live="polite">
        {name === 'you' ? 'Your' : `${name}'s`} stage on {capability.name}:{' '}
        <StageBadge stage={reached?.stage ?? 'not-yet-engaged'} />
      </p>
      {outcome ? <Notice>{outcome}</Notice> : null}
      <EvidenceForm
        key={`${capabilityId}-${formKind}`}
        workerId={workerId}
        workerName={name}
        capability={capability}
        profile={profile}
        formKind={formKind}
        onRecorded={setOutcome}
      />
      <RecentRecords workerId={workerId} capability={capability} framework={framework} />
    </div>
  );
}

function EvidenceForm({
  workerId,
  workerName,
  capability,
  profile,
  formKind,
  onRecorded,
}: {
  workerId: string;
  workerName: string;
  capability: PersonalCapability;
  profile: CapabilityProfile;
  formKind: FormKind;
  onRecorded: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const signedIn = useSession();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [judgements, setJudgements] = useState<Record<string, 'evidenced' | 'not-evidenced' | undefined>>({});
  const evidenced = new Set(
    profile.capabilities.find((c) => c.capabilityId === capability.id)?.evidencedIndicators.map((i) => i.indicatorId),
  );
  const form = FORMS.find((f) => f.kind === formKind)!;

  async function submit(event: Event) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => ((data.get(name) as string | null) ?? '').trim();
    const occurredAt = occurredAtOf(text('occurredOn'));
    const judged = Object.entries(judgements).filter(
      (entry): entry is [string, 'evidenced' | 'not-evidenced'] => entry[1] !== undefined,
    );
    const me = signedIn ? { name: signedIn.user.displayName, mbox: `mailto:${signedIn.user.email}` } : undefined;
    const calls = evidenceOf(formKind, { text, occurredAt, capabilityId: capability.id, judged, me });
    if (typeof calls === 'string') {
      setError(calls);
      return;
    }
    setBusy(true);
    setError(undefined);
    const before = profile.capabilities.find((c) => c.capabilityId === capability.id)?.stage ?? 'not-yet-engaged';
    let done = 0;
    try {
      for (const body of calls) {
        await api('POST', `/api/workers/${encodeURIComponent(workerId)}/evidence`, body);
        done++;
      }
    } catch (failure) {
      setError(failure);
    }
    await queryClient.invalidateQueries({ queryKey: keys.worker(workerId) });
    if (done > 0) {
      const after = await queryClient.fetchQuery({
        queryKey: keys.capabilities(workerId),
        queryFn: () => api<CapabilityProfile>('GET', `/api/workers/${encodeURIComponent(workerId)}/capabilities`),
      });
      const now = after.capabilities.find((c) => c.capabilityId === capability.id)?.stage ?? before;
      onRecorded(outcomeMessage(form.label, done, calls.length, workerName, capability.name, before, now));
      if (done === calls.length) {
        (event.target as HTMLFormElement).reset();
        setJudgements({});
      }
    }
    setBusy(false);
  }

  const showIndicators = formKind === 'feedback' || formKind === 'observation' || formKind === 'assessment';
  return (
    <form class="form card" onSubmit={submit} aria-labelledby="form-heading">
      <h2 id="form-heading">
        {form.label}: {capability.name}
      </h2>
      <p class="hint">{form.hint}</p>
      {formKind === 'feedback' ? (
        <>
          <SourceSelect sources={FEEDBACK_SOURCES} label="Who gave the feedback?" />
          <TextArea name="feedback" label="What was said" required />
        </>
      ) : null}
      {formKind === 'observation' ? <TextArea name="note" label="What did you observe?" required /> : null}
      {formKind === 'assessment' ? (
        <>
          <SourceSelect sources={ASSESSMENT_SOURCES} label="Who judged the indicators?" />
          <TextArea name="note" label="Note (optional)" />
        </>
      ) : null}
      {formKind === 'learning-need' || formKind === 'plan-item' ? (
        <>
          <div class="field">
            <label for="title">{formKind === 'learning-need' ? 'The learning need' : 'The plan item'}</label>
            <input id="title" name="title" required maxLength={500} />
          </div>
          <div class="field">
            <label for="targetStage">Stage aimed for</label>
            <select id="targetStage" name="targetStage">
              <option value="">Not said</option>
              {ACHIEVABLE_STAGES.map((s) => (
                <option key={s} value={s}>
                  {stageLabel(s)}
                </option>
              ))}
            </select>
          </div>
        </>
      ) : null}
      {formKind === 'learning-need' ? (
        <label class="choice">
          <input type="checkbox" name="agreed" value="yes" defaultChecked /> Agreed with me in supervision
        </label>
      ) : null}
      {formKind === 'plan-item' ? (
        <div class="field">
          <label for="status">Status</label>
          <select id="status" name="status">
            {PLAN_STATUSES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {showIndicators ? (
        <IndicatorJudgements
          capability={capability}
          evidenced={evidenced}
          judgements={judgements}
          onChange={setJudgements}
          optional={formKind === 'feedback'}
        />
      ) : null}
      <div class="field">
        <label for="occurredOn">When it happened</label>
        <input
          id="occurredOn"
          name="occurredOn"
          type="date"
          max={new Date().toISOString().slice(0, 10)}
          defaultValue={new Date().toISOString().slice(0, 10)}
        />
      </div>
      {/* The form's own words for what is missing; anything else is a failure of the API or the network. */}
      {typeof error === 'string' ? (
        <Problem title="Not recorded">{error}</Problem>
      ) : error ? (
        <ErrorMessage error={error} title="Not recorded" />
      ) : null}
      <button type="submit" class="button" disabled={busy}>
        {busy ? 'Recording…' : `Record ${form.label.toLowerCase()}`}
      </button>
    </form>
  );
}

/** Today means now (so it sorts after earlier records of the day); another day means noon of it. */
function occurredAtOf(date: string): string | undefined {
  if (!date || date === new Date().toISOString().slice(0, 10)) return undefined;
  return `${date}T12:00:00Z`;
}

interface FormValues {
  text: (name: string) => string;
  occurredAt: string | undefined;
  capabilityId: string;
  judged: [string, 'evidenced' | 'not-evidenced'][];
  me: { name: string; mbox: string } | undefined;
}

/** The API calls a form makes, or what is missing in words. */
function evidenceOf(kind: FormKind, v: FormValues): Evidence[] | string {
  const when = v.occurredAt ? { occurredAt: v.occurredAt } : {};
  const judgementCalls = (source: string, note: string) =>
    v.judged.map(([indicatorId, judgement]) => ({
      kind: 'assessment',
      indicatorId,
      evidenced: judgement === 'evidenced',
      source,
      ...(note ? { note } : {}),
      ...when,
    }));
  switch (kind) {
    case 'feedback': {
      const feedback = v.text('feedback');
      if (!feedback) return 'Write what was said.';
      const source = v.text('source');
      return [
        { kind: 'feedback', source, feedback, capabilityIds: [v.capabilityId], ...when },
        ...judgementCalls(source, feedback.slice(0, 4000)),
      ];
    }
    case 'observation': {
      const note = v.text('note');
      if (!note) return 'Write what you observed.';
      if (!v.judged.length) return 'Judge at least one indicator against what you observed.';
      return judgementCalls('line-manager', note.slice(0, 4000));
    }
    case 'assessment':
      if (!v.judged.length) return 'Judge at least one indicator.';
      return judgementCalls(v.text('source'), v.text('note').slice(0, 4000));
    case 'learning-need': {
      const title = v.text('title');
      if (!title) return 'Write the learning need.';
      return [
        {
          kind: 'learning-need',
          title,
          capabilityIds: [v.capabilityId],
          ...(v.text('targetStage') ? { targetStage: v.text('targetStage') } : {}),
          ...(v.text('agreed') && v.me ? { agreedWith: v.me } : {}),
          ...when,
        },
      ];
    }
    case 'plan-item': {
      const title = v.text('title');
      if (!title) return 'Write the plan item.';
      return [
        {
          kind: 'plan-item',
          title,
          status: v.text('status'),
          capabilityIds: [v.capabilityId],
          ...(v.text('targetStage') ? { targetStage: v.text('targetStage') } : {}),
          ...when,
        },
      ];
    }
  }
}

function outcomeMessage(
  what: string,
  done: number,
  planned: number,
  worker: string,
  capability: string,
  before: StageName,
  after: StageName,
): string {
  const recorded =
    done === planned
      ? `${what} recorded (${done} record${done === 1 ? '' : 's'}).`
      : `${what}: only ${done} of ${planned} records were stored; the rest failed (see below).`;
  const whose = worker === 'you' ? 'Your' : `${worker}'s`;
  const stage =
    before === after
      ? `${whose} stage on ${capability} stays ${stageLabel(after)}.`
      : `${whose} stage on ${capability} is now ${stageLabel(after)} (was ${stageLabel(before)}).`;
  return `${recorded} ${stage}`;
}

function SourceSelect({ sources, label }: { sources: readonly string[]; label: string }) {
  return (
    <div class="field">
      <label for="source">{label}</label>
      <select id="source" name="source">
        {sources.map((s) => (
          <option key={s} value={s}>
            {SOURCE_LABELS[s]![0]!.toUpperCase() + SOURCE_LABELS[s]!.slice(1)}
          </option>
        ))}
      </select>
    </div>
  );
}

function TextArea({ name, label, required = false }: { name: string; label: string; required?: boolean }) {
  return (
    <div class="field">
      <label for={name}>{label}</label>
      <textarea id={name} name={name} rows={4} required={required} maxLength={8000} />
    </div>
  );
}

/** Every indicator of the capability with its text, stage by stage, and a judgement to choose for each. */
function IndicatorJudgements({
  capability,
  evidenced,
  judgements,
  onChange,
  optional,
}: {
  capability: PersonalCapability;
  evidenced: Set<string>;
  judgements: Record<string, 'evidenced' | 'not-evidenced' | undefined>;
  onChange: (next: Record<string, 'evidenced' | 'not-evidenced' | undefined>) => void;
  optional: boolean;
}) {
  return (
    <fieldset class="indicators">
      <legend>{optional ? 'Indicators this evidences (optional)' : 'Judge the indicators'}</legend>
      {capability.stages.map((stage) => (
        <div key={stage.stage} class="stage-block">
          <p class="stage-heading">{stageLabel(stage.stage)}</p>
          {stage.indicators.map((indicator) => {
            const name = `judgement-${indicator.id}`;
            const current = judgements[indicator.id];
            return (
              <fieldset key={indicator.id} class="indicator-judgement">
                <legend>
                  {indicator.text}
                  <span class="indicator-state">{evidenced.has(indicator.id) ? ' (evidenced already)' : ''}</span>
                </legend>
                <div class="choice-row">
                  {(
                    [
                      [undefined, 'Not judged'],
                      ['evidenced', 'Evidenced'],
                      ['not-evidenced', 'Not yet'],
                    ] as const
                  ).map(([value, label]) => (
                    <label key={label} class="choice">
                      <input
                        type="radio"
                        name={name}
                        checked={current === value}
                        onChange={() => onChange({ ...judgements, [indicator.id]: value })}
                      />
                      {label}
                    </label>
                  ))}
                </div>
              </fieldset>
            );
          })}
        </div>
      ))}
    </fieldset>
  );
}

function RecentRecords({
  workerId,
  capability,
  framework,
}: {
  workerId: string;
  capability: PersonalCapability;
  framework: Framework;
}) {
  const records = useTimeline(workerId, { capabilityId: capability.id }, undefined, 5);
  return (
    <section aria-labelledby="recent-records">
      <h2 id="recent-records">Latest records about {capability.name}</h2>
      <Loaded query={records} what="the records">
        {(page) => (
          <TimelineList
            entries={page.entries}
            catalogue={catalogueOf(framework)}
            empty={`Nothing is recorded about ${capability.name} yet.`}
          />
        )}
      </Loaded>
    </section>
  );
}

import { useQueryClient } from '@tanstack/preact-query';
import { useLocation } from 'preact-iso/router';
import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { auditPaths, keys, useAudit, useAuditStructure, useFramework } from '../../api/queries';
import type { AuditCycle, AuditStructure, Framework } from '../../api/types';
import { PageHeading, ScrollTable } from '../../components/page';
import { ErrorMessage, Loaded } from '../../components/status';
import { AuditNav, AuditStageBadge, capabilityLabel, formatDay, today } from './audit-parts';

/** One audit cycle: the six capabilities with their progress and stages, the staff survey, completing it. */
export function AuditCycleView({ organisationId, auditId }: { organisationId: string; auditId: string }) {
  const framework = useFramework();
  const structure = useAuditStructure();
  const cycle = useAudit(organisationId, auditId);
  const title = cycle.data ? `Audit cycle started ${formatDay(cycle.data.startedOn)}` : 'Audit cycle';
  return (
    <>
      <p class="breadcrumbs">
        <a href={`/organisations/${organisationId}/audit`}>Self-audit</a> › this cycle
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      <AuditNav organisationId={organisationId} current="audit" />
      <Loaded query={framework} what="the CLF catalogue">
        {(f) => (
          <Loaded query={structure} what="the self-audit structure">
            {(s) => (
              <Loaded query={cycle} what="the audit cycle">
                {(c) => <Cycle organisationId={organisationId} cycle={c} framework={f} structure={s} />}
              </Loaded>
            )}
          </Loaded>
        )}
      </Loaded>
    </>
  );
}

function Cycle({
  organisationId,
  cycle,
  framework,
  structure,
}: {
  organisationId: string;
  cycle: AuditCycle;
  framework: Framework;
  structure: AuditStructure;
}) {
  const base = `/organisations/${organisationId}/audits/${cycle.id}`;
  return (
    <>
      <p>
        {cycle.completedOn
          ? `Completed on ${formatDay(cycle.completedOn)}: its reflections and self-assessments are kept as they were; actions may still change status.`
          : 'Open: work through each capability (reflections, self-assessment, review and action plan), then complete the cycle.'}
      </p>
      <section aria-labelledby="capabilities-heading">
        <h2 id="capabilities-heading">Capabilities</h2>
        <ScrollTable label="Capabilities of this cycle">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Organisational capability</th>
                <th scope="col">Reflections</th>
                <th scope="col">Indicators self-assessed</th>
                <th scope="col">Self-assessed stage</th>
                <th scope="col">Staff perception</th>
                <th scope="col">Actions open</th>
              </tr>
            </thead>
            <tbody>
              {structure.capabilities.map((capability) => {
                const questions = capability.areas.flatMap((a) => a.questions);
                const items = capability.areas.flatMap((a) => a.selfAssessment.items);
                const answered = cycle.answers.filter((a) => a.capabilityId === capability.capabilityId).length;
                const assessed = cycle.selfAssessments.filter((a) => a.capabilityId === capability.capabilityId).length;
                const status = cycle.capabilities.find((c) => c.capabilityId === capability.capabilityId);
                return (
                  <tr key={capability.capabilityId}>
                    <th scope="row">
                      <a href={`${base}/capabilities/${capability.capabilityId}`}>
                        {capabilityLabel(framework, capability.capabilityId)}
                      </a>
                    </th>
                    <td>
                      {questions.length ? `${answered} of ${questions.length}` : 'no questions in the audit tool'}
                    </td>
                    <td>
                      {assessed} of {items.length}
                    </td>
                    <td>{status ? <AuditStageBadge stage={status.selfAssessedStage} /> : '-'}</td>
                    <td>{status ? <AuditStageBadge stage={status.staffPerceptionStage} /> : '-'}</td>
                    <td>{status?.actions.open ?? 0}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      </section>
      <SurveySection organisationId={organisationId} cycle={cycle} />
      {cycle.completedOn ? null : <CompleteForm organisationId={organisationId} cycle={cycle} />}
    </>
  );
}

function SurveySection({ organisationId, cycle }: { organisationId: string; cycle: AuditCycle }) {
  const link = `${location.origin}/organisations/${organisationId}/audits/${cycle.id}/survey`;
  const { respondents, threshold, suppressed } = cycle.survey;
  return (
    <section aria-labelledby="survey-heading" class="card">
      <h2 id="survey-heading">Staff survey</h2>
      <p class="big-figure">
        {respondents} respondent{respondents === 1 ? '' : 's'} so far; a worker indicator counts as evidenced when{' '}
        {Math.round(threshold * 100)}% of those answering it agree.
      </p>
      {suppressed ? (
        <p>
          <strong>Results suppressed:</strong> fewer than 5 workers have answered, and so few answers could name people.
          Each capability's page shows the results from 5 respondents on.
        </p>
      ) : (
        <p>Each capability's page shows the results indicator by indicator.</p>
      )}
      {cycle.completedOn ? null : (
        <>
          <p>
            Workers of the organisation answer anonymously, once each, after signing in: each finds the survey on their
            own record, or by this link:
          </p>
          <p>
            <code>{link}</code>
          </p>
        </>
      )}
    </section>
  );
}

/**
 * Completing a cycle makes its stages the audit status and cannot be undone, so it asks once more, naming
 * the cycle and the day; the status page is where the completion then shows.
 */
function CompleteForm({ organisationId, cycle }: { organisationId: string; cycle: AuditCycle }) {
  const queryClient = useQueryClient();
  const { route } = useLocation();
  const [state, setState] = useState<{ asking?: string; busy: boolean; error?: unknown }>({ busy: false });
  const asking = state.asking !== undefined;
  // The pressed button is replaced by the question (and back): focus follows, to the safe answer first.
  const keep = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (asking) keep.current?.focus();
    else if (asked.current) ask.current?.focus();
    asked.current ||= asking;
  }, [asking]);
  function submit(event: Event) {
    event.preventDefault();
    const completedOn = new FormData(event.currentTarget as HTMLFormElement).get('completedOn') as string;
    setState({ asking: completedOn, busy: false });
  }
  async function complete(completedOn: string) {
    setState({ asking: completedOn, busy: true });
    try {
      await api('POST', `${auditPaths.audit(organisationId, cycle.id)}/complete`, { completedOn });
      await queryClient.invalidateQueries({ queryKey: keys.audits(organisationId) });
      route(`/organisations/${organisationId}/audit?completed=${encodeURIComponent(completedOn)}`);
    } catch (failure) {
      // Back to the form, the refusal in the API's words beside the date it names.
      setState({ busy: false, error: failure });
    }
  }
  return (
    <form class="form card" onSubmit={submit} aria-labelledby="complete-heading">
      <h2 id="complete-heading">Complete the cycle</h2>
      <p>
        From the day it is completed, this cycle's stages are the organisation's audit status. Its reflections and
        self-assessments can no longer change.
      </p>
      <div class="field">
        <label for="completed-on">Completed on</label>
        {/* Not changed while the question names the day. */}
        <input id="completed-on" name="completedOn" type="date" required defaultValue={today()} disabled={asking} />
      </div>
      {state.error ? <ErrorMessage error={state.error} title="The cycle was not completed" /> : null}
      {state.asking !== undefined ? (
        <CompleteQuestion
          startedOn={cycle.startedOn}
          completedOn={state.asking}
          busy={state.busy}
          keep={keep}
          onComplete={(completedOn) => void complete(completedOn)}
          onKeep={() => setState({ busy: false })}
        />
      ) : (
        <button ref={ask} type="submit" class="button">
          Complete the cycle
        </button>
      )}
    </form>
  );
}

function CompleteQuestion({
  startedOn,
  completedOn,
  busy,
  keep,
  onComplete,
  onKeep,
}: {
  startedOn: string;
  completedOn: string;
  busy: boolean;
  keep: Ref<HTMLButtonElement>;
  onComplete: (completedOn: string) => void;
  onKeep: () => void;
}) {
  const cycle = `the cycle started ${formatDay(startedOn)}`;
  return (
    <div role="group" aria-label={`Complete ${cycle}?`}>
      <p class="revoke-question">
        Complete {cycle} on {formatDay(completedOn)}? From that day its stages are the organisation's audit status, and
        its reflections and self-assessments can no longer change. This cannot be undone.
      </p>
      <div class="actions">
        <button type="button" class="button" disabled={busy} onClick={() => onComplete(completedOn)}>
          Yes, complete the cycle
        </button>
        <button ref={keep} type="button" class="button-quiet" disabled={busy} onClick={onKeep}>
          Keep it open
        </button>
      </div>
    </div>
  );
}

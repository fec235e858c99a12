import type { Reach } from '../../access';
import { useCapabilities, useFramework, useMySurveys } from '../../api/queries';
import type { CapabilityProfile, Framework, MySurvey, PersonalCapability } from '../../api/types';
import { ScrollTable } from '../../components/page';
import { StageBadge } from '../../components/stage';
import { ErrorMessage, Loaded } from '../../components/status';
import { WorkerFrame } from '../../components/worker-frame';
import { formatDate, GROUP_LABELS, stageLabel } from '../../labels';

/** The 17 personal capabilities at a glance, by group, with the stage reached on each. */
export function OverviewView({ workerId, reach }: { workerId: string; reach: Reach }) {
  const framework = useFramework();
  const profile = useCapabilities(workerId);
  return (
    <WorkerFrame workerId={workerId} reach={reach} section="overview" title="Capabilities">
      {reach.ownWorkerId === workerId ? <OpenSurveys /> : null}
      <Loaded query={framework} what="the CLF catalogue">
        {(catalogue) => (
          <Loaded query={profile} what="the capability stages">
            {(stages) => <CapabilityGrid workerId={workerId} framework={catalogue} profile={stages} />}
          </Loaded>
        )}
      </Loaded>
    </WorkerFrame>
  );
}

/**
 * The worker's own open staff surveys, each naming its organisation, with a link to answer it (only the
 * worker sees whether they answered: the API answers this to them alone). Nothing is shown when none is open.
 */
function OpenSurveys() {
  const surveys = useMySurveys(true);
  if (surveys.error) return <ErrorMessage error={surveys.error} title="Could not check for open staff surveys" />;
  const open = surveys.data?.surveys ?? [];
  if (!open.length) return null;
  const organisations = new Set(open.map((s) => s.organisationName));
  const heading =
    organisations.size === 1
      ? `Staff survey${open.length === 1 ? '' : 's'} of ${open[0]!.organisationName}`
      : 'Staff surveys of your organisations';
  return (
    <section class="card card-accent" aria-labelledby="open-surveys">
      <h2 id="open-surveys">{heading}</h2>
      <ul class="plain-list">
        {open.map((survey) => (
          <OpenSurvey key={survey.auditId} survey={survey} />
        ))}
      </ul>
    </section>
  );
}

function OpenSurvey({ survey }: { survey: MySurvey }) {
  const audit = `the self-audit of ${survey.organisationName}`;
  const started = formatDate(`${survey.startedOn}T00:00:00Z`);
  return (
    <li>
      {survey.answered ? (
        <>
          Answered: the survey of {audit}, started on {started}. Thank you.
        </>
      ) : (
        <>
          The self-audit of {survey.organisationName}, started on {started}, asks how you see learning at work,
          anonymously.{' '}
          <a href={`/organisations/${survey.organisationId}/audits/${survey.auditId}/survey`}>
            Answer the staff survey
          </a>
        </>
      )}
    </li>
  );
}

export function CapabilityGrid({
  workerId,
  framework,
  profile,
}: {
  workerId: string;
  framework: Framework;
  profile: CapabilityProfile;
}) {
  const groups: PersonalCapability['group'][] = ['managing-self', 'managing-relationships'];
  const stageOf = new Map(profile.capabilities.map((c) => [c.capabilityId, c]));
  return (
    <div class="capability-groups">
      {groups.map((group) => (
        <section key={group} aria-labelledby={`group-${group}`} class="card">
          <h2 id={`group-${group}`}>{GROUP_LABELS[group]}</h2>
          <ScrollTable label={`${GROUP_LABELS[group]}: stages`}>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Capability</th>
                  <th scope="col">Stage</th>
                  <th scope="col" class="wide-only">
                    Next stage needs
                  </th>
                </tr>
              </thead>
              <tbody>
                {framework.personalCapabilities
                  .filter((c) => c.group === group)
                  .map((capability) => {
                    const reached = stageOf.get(capability.id);
                    const next = reached?.missingForNextStage;
                    const needs = next
                      ? `${next.indicators.length} indicator${next.indicators.length === 1 ? '' : 's'} for ${stageLabel(next.stage)}`
                      : 'Every stage reached';
                    return (
                      <tr key={capability.id}>
                        <th scope="row">
                          <a href={`/workers/${workerId}/capabilities/${capability.id}`}>{capability.name}</a>
                          <span class="narrow-only hint">{needs}</span>
                        </th>
                        <td>{reached ? <StageBadge stage={reached.stage} /> : 'unknown'}</td>
                        <td class="wide-only">{needs}</td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </ScrollTable>
        </section>
      ))}
    </div>
  );
}

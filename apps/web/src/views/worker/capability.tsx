import type { Reach } from '../../access';
import { mayRecordFor } from '../../access';
import { useCapabilities, useFramework, useTimeline } from '../../api/queries';
import type { CapabilityProfile, Framework, PersonalCapability } from '../../api/types';
import { StageBadge } from '../../components/stage';
import { Loaded } from '../../components/status';
import { TimelineList } from '../../components/timeline-list';
import { WorkerFrame } from '../../components/worker-frame';
import { catalogueOf, formatDate, GROUP_LABELS, sourceLabel, stageLabel } from '../../labels';

/** One capability: the stage reached, the evidence behind each indicator, and what the next stage needs, in the catalogue's words. */
export function CapabilityView({
  workerId,
  capabilityId,
  reach,
}: {
  workerId: string;
  capabilityId: string;
  reach: Reach;
}) {
  const framework = useFramework();
  const profile = useCapabilities(workerId);
  return (
    <WorkerFrame workerId={workerId} reach={reach} section="overview" title="Capabilities">
      <Loaded query={framework} what="the CLF catalogue">
        {(catalogue) => (
          <Loaded query={profile} what="the capability stages">
            {(stages) => (
              <CapabilityDetail
                workerId={workerId}
                capabilityId={capabilityId}
                framework={catalogue}
                profile={stages}
                reach={reach}
              />
            )}
          </Loaded>
        )}
      </Loaded>
    </WorkerFrame>
  );
}

function CapabilityDetail({
  workerId,
  capabilityId,
  framework,
  profile,
  reach,
}: {
  workerId: string;
  capabilityId: string;
  framework: Framework;
  profile: CapabilityProfile;
  reach: Reach;
}) {
  const capability = framework.personalCapabilities.find((c) => c.id === capabilityId);
  const reached = profile.capabilities.find((c) => c.capabilityId === capabilityId);
  if (!capability || !reached)
    return <p role="alert">There is no personal capability "{capabilityId}" in the CLF catalogue.</p>;
  const evidence = new Map(reached.evidencedIndicators.map((i) => [i.indicatorId, i.evidence]));
  const next = reached.missingForNextStage;
  const descriptor = next && framework.stages.find((s) => s.stage === next.stage)?.personalDescriptor;
  return (
    <article class="capability" aria-labelledby="capability-name">
      <p class="breadcrumbs">
        <a href={`/workers/${workerId}`}>All capabilities</a> › {GROUP_LABELS[capability.group]}
      </p>
      <h2 id="capability-name" class="capability-name">
        {capability.name}
      </h2>
      <p class="stage-now">
        Stage reached: <StageBadge stage={reached.stage} />
      </p>
      {mayRecordFor(reach, workerId) ? (
        <p>
          <a class="button button-secondary" href={`/workers/${workerId}/record?capability=${capabilityId}`}>
            Record evidence for {capability.name}
          </a>
        </p>
      ) : null}
      {next ? (
        <section class="card card-accent" aria-labelledby="next-stage">
          <h3 id="next-stage">What {stageLabel(next.stage)} needs</h3>
          {descriptor ? <p class="descriptor">{descriptor}</p> : null}
          <p>Still to be evidenced at {stageLabel(next.stage)}:</p>
          <ul class="indicator-list">
            {next.indicators.map((i) => (
              <li key={i.indicatorId}>{i.text}</li>
            ))}
          </ul>
        </section>
      ) : (
        <p class="notice">Every stage of {capability.name} is reached.</p>
      )}
      <IndicatorsByStage capability={capability} evidence={evidence} />
      <LinkedRecords workerId={workerId} capability={capability} framework={framework} />
    </article>
  );
}

function IndicatorsByStage({
  capability,
  evidence,
}: {
  capability: PersonalCapability;
  evidence: Map<string, CapabilityProfile['capabilities'][number]['evidencedIndicators'][number]['evidence']>;
}) {
  return (
    <section aria-labelledby="indicators">
      <h3 id="indicators">Indicators and the evidence behind them</h3>
      {capability.stages.map((stage) => (
        <section key={stage.stage} class="stage-block" aria-labelledby={`stage-${stage.stage}`}>
          <h4 id={`stage-${stage.stage}`}>{stageLabel(stage.stage)}</h4>
          <ul class="indicator-list">
            {stage.indicators.map((indicator) => {
              const found = evidence.get(indicator.id);
              return (
                <li key={indicator.id} class={found ? 'indicator indicator-evidenced' : 'indicator'}>
                  <span class="indicator-text">{indicator.text}</span>
                  <span class="indicator-evidence">
                    {found ? (
                      <>
                        <strong>Evidenced</strong> on {formatDate(found.occurredAt)}
                        {found.source ? `, ${sourceLabel(found.source)}` : ''}
                        {found.by ? `, by ${found.by}` : ''}
                        {found.recordedBy?.name && found.recordedBy.name !== found.by
                          ? `, recorded by ${found.recordedBy.name}`
                          : ''}
                      </>
                    ) : (
                      'Not yet evidenced'
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </section>
  );
}

function LinkedRecords({
  workerId,
  capability,
  framework,
}: {
  workerId: string;
  capability: PersonalCapability;
  framework: Framework;
}) {
  const records = useTimeline(workerId, { capabilityId: capability.id }, undefined, 10);
  const catalogue = catalogueOf(framework);
  return (
    <section aria-labelledby="linked-records">
      <h3 id="linked-records">Records about {capability.name}</h3>
      <Loaded query={records} what="the records">
        {(page) => (
          <>
            <TimelineList
              entries={page.entries}
              catalogue={catalogue}
              empty={`Nothing is recorded about ${capability.name} yet.`}
            />
            {page.next ? (
              <p>
                <a href={`/workers/${workerId}/timeline?capabilityId=${capability.id}`}>
                  All records about {capability.name}
                </a>
              </p>
            ) : null}
          </>
        )}
      </Loaded>
    </section>
  );
}

import { useQueries } from '@tanstack/preact-query';
import { teamWorkerIds, type Reach } from '../../access';
import { api } from '../../api/client';
import { keys, useFramework } from '../../api/queries';
import type { CapabilityProfile, Framework, Worker } from '../../api/types';
import { PageHeading, ScrollTable } from '../../components/page';
import { StageBadge } from '../../components/stage';
import { ErrorMessage, Loaded, Loading } from '../../components/status';
import { GROUP_LABELS } from '../../labels';

interface Member {
  id: string;
  worker?: Worker;
  profile?: CapabilityProfile;
  error?: unknown;
}

/**
 * A line manager's team with each member's stages. The API gives the team as worker ids only, so each
 * member's record and stages are two calls (cached, and refreshed when evidence is recorded).
 */
export function TeamView({ reach }: { reach: Reach }) {
  const ids = teamWorkerIds(reach);
  const framework = useFramework();
  const results = useQueries({
    queries: ids.flatMap((id) => [
      { queryKey: keys.worker(id), queryFn: () => api<Worker>('GET', `/api/workers/${encodeURIComponent(id)}`) },
      {
        queryKey: keys.capabilities(id),
        queryFn: () => api<CapabilityProfile>('GET', `/api/workers/${encodeURIComponent(id)}/capabilities`),
      },
    ]),
  });
  const members: Member[] = ids.map((id, i) => ({
    id,
    worker: results[2 * i]?.data as Worker | undefined,
    profile: results[2 * i + 1]?.data as CapabilityProfile | undefined,
    error: results[2 * i]?.error ?? results[2 * i + 1]?.error,
  }));
  const pending = results.some((r) => r.isPending);
  return (
    <>
      <PageHeading title="My team">My team</PageHeading>
      {!ids.length ? <p>No worker is in your team yet.</p> : null}
      <ul class="member-list">
        {members.map((m) => (
          <li key={m.id} class="card member">
            <h2 class="member-name">{m.worker?.name ?? (m.error ? 'A team member' : '…')}</h2>
            {m.worker ? (
              <p class="subtitle">{m.worker.roles.find((r) => r.to === null)?.name ?? 'No current role'}</p>
            ) : null}
            {m.error ? <ErrorMessage error={m.error} title="Could not load this team member" /> : null}
            {m.profile ? <p>{summary(m.profile)}</p> : null}
            <p class="actions">
              <a href={`/workers/${m.id}`} class="button-secondary">
                Open record<span class="visually-hidden"> of {m.worker?.name ?? m.id}</span>
              </a>
              <a href={`/workers/${m.id}/record`} class="button">
                Record evidence<span class="visually-hidden"> for {m.worker?.name ?? m.id}</span>
              </a>
            </p>
          </li>
        ))}
      </ul>
      {pending ? <Loading what="the team's stages" /> : null}
      <Loaded query={framework} what="the CLF catalogue">
        {(f) =>
          members.some((m) => m.profile) ? (
            <TeamStages framework={f} members={members.filter((m) => m.profile)} />
          ) : null
        }
      </Loaded>
    </>
  );
}

function summary(profile: CapabilityProfile): string {
  const engaged = profile.capabilities.filter((c) => c.stage !== 'not-yet-engaged').length;
  return `${engaged} of ${profile.capabilities.length} capabilities engaged or beyond.`;
}

/** Capabilities down, members across: each cell the member's stage. */
function TeamStages({ framework, members }: { framework: Framework; members: Member[] }) {
  const stages = members.map((m) => new Map(m.profile!.capabilities.map((c) => [c.capabilityId, c.stage])));
  return (
    <section aria-labelledby="team-stages">
      <h2 id="team-stages">Stages across the team</h2>
      <ScrollTable label="Stages across the team">
        <table class="table team-table">
          <thead>
            <tr>
              <th scope="col">Capability</th>
              {members.map((m) => (
                <th scope="col" key={m.id}>
                  {m.worker?.name ?? m.id}
                </th>
              ))}
            </tr>
          </thead>
          {(['managing-self', 'managing-relationships'] as const).map((group) => (
            <tbody key={group}>
              <tr class="group-row">
                <th scope="colgroup" colSpan={members.length + 1}>
                  {GROUP_LABELS[group]}
                </th>
              </tr>
              {framework.personalCapabilities
                .filter((c) => c.group === group)
                .map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.name}</th>
                    {members.map((m, i) => (
                      <td key={m.id}>
                        <a href={`/workers/${m.id}/capabilities/${c.id}`} class="cell-link">
                          <StageBadge stage={stages[i]!.get(c.id) ?? 'not-yet-engaged'} />
                          <span class="visually-hidden">
                            {' '}
                            ({m.worker?.name ?? m.id}, {c.name})
                          </span>
                        </a>
                      </td>
                    ))}
                  </tr>
                ))}
            </tbody>
          ))}
        </table>
      </ScrollTable>
    </section>
  );
}

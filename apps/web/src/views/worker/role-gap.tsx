import { useLocation } from 'preact-iso/router';
import { actsFor, type Reach } from '../../access';
import { useRoleGap, useRolesOfOrganisations, useWorker } from '../../api/queries';
import type { JobRole, RoleGap, RolesPage, Worker } from '../../api/types';
import { ScrollTable } from '../../components/page';
import { StageBadge } from '../../components/stage';
import { Loaded, Loading } from '../../components/status';
import { WorkerFrame } from '../../components/worker-frame';
import { stageLabel } from '../../labels';

/** Requirements of the current role, or of a role aimed for, against the stages reached. */
export function RoleGapView({ workerId, reach }: { workerId: string; reach: Reach }) {
  const location = useLocation();
  const roleId = location.query.roleId || undefined;
  const worker = useWorker(workerId);
  // Someone with no job role yet (a new starter) is an empty state to explain, not an error from the API.
  const holdsNoRole = worker.data !== undefined && !worker.data.roles.some((r) => r.to === null);
  const gap = useRoleGap(workerId, roleId, roleId !== undefined || (worker.data !== undefined && !holdsNoRole));
  return (
    <WorkerFrame workerId={workerId} reach={reach} section="role-gap" title="Role gap">
      <Loaded query={worker} what="the worker">
        {(w) => (
          <RolePicker
            key={roleId ?? ''}
            worker={w}
            reach={reach}
            roleId={roleId}
            onPick={(id) =>
              location.route(`/workers/${workerId}/role-gap${id ? `?roleId=${encodeURIComponent(id)}` : ''}`)
            }
          />
        )}
      </Loaded>
      {holdsNoRole && !roleId ? (
        <p>
          {reach.ownWorkerId === workerId ? 'You hold' : `${worker.data?.name ?? 'This worker'} holds`} no job role now:
          choose a role above to see what it needs.
        </p>
      ) : (
        <Loaded query={gap} what="the role gap">
          {(g) => <RoleGapReport gap={g} />}
        </Loaded>
      )}
    </WorkerFrame>
  );
}

/**
 * The organisations whose job roles are offered: those the worker belongs to now (bank staff, two part-time
 * employers) whose roles this person may list: the worker all of them; their learning lead, line manager or
 * a platform admin those they act for (the API decides again). Asked only of those it answers: a 403 would
 * be an error in the console.
 */
function rolesOrganisations(reach: Reach, worker: Worker): string[] {
  const current = worker.organisations.filter((o) => o.to === null).map((o) => o.organisationId);
  return [...new Set(current)].filter(
    (id) => reach.ownWorkerId === worker.id || actsFor(reach, id) || reach.team.some((t) => t.organisationId === id),
  );
}

const byName = new Intl.Collator('en-GB').compare;

interface RoleGroup {
  organisationId: string;
  organisationName: string;
  roles: JobRole[];
}

/**
 * Each organisation's roles by name under its name (the same role name may be two employers' roles), that
 * of the worker's current role first; an organisation with no role is left out, so no group is empty.
 */
function roleGroups(pages: RolesPage[], worker: Worker): RoleGroup[] {
  const held = worker.roles.find((r) => r.to === null)?.organisationId;
  return pages
    .filter((p) => p.roles.length > 0)
    .sort(
      (a, b) =>
        Number(b.organisationId === held) - Number(a.organisationId === held) ||
        byName(a.organisationName, b.organisationName),
    )
    .map((p) => ({
      organisationId: p.organisationId,
      organisationName: p.organisationName,
      roles: [...p.roles].sort((a, b) => byName(a.name, b.name)),
    }));
}

/**
 * The role to compare with, chosen by name among the job roles of the worker's organisations, grouped by
 * organisation when there are several. Typing a role's id is left for a worker with no organisation now
 * (whose roles nobody may list for them), or when none could be listed.
 */
function RolePicker({
  worker,
  reach,
  roleId,
  onPick,
}: {
  worker: Worker;
  reach: Reach;
  roleId: string | undefined;
  onPick: (roleId: string | undefined) => void;
}) {
  const listed = useRolesOfOrganisations(rolesOrganisations(reach, worker));
  const groups = roleGroups(
    listed.flatMap((l) => (l.data ? [l.data] : [])),
    worker,
  );
  const roles = groups.flatMap((g) => g.roles);
  const unlisted = listed.filter((l) => l.error).length;
  // A role from a link that is none of the organisations' (an old employer's, say) stays chosen, by its id.
  const elsewhere = roleId !== undefined && !roles.some((r) => r.id === roleId);
  function submit(event: Event) {
    event.preventDefault();
    const value = (new FormData(event.currentTarget as HTMLFormElement).get('roleId') as string).trim();
    onPick(value || undefined);
  }
  if (listed.some((l) => !l.data && !l.error)) return <Loading what="the job roles" />;
  const option = (r: JobRole) => (
    <option key={r.id} value={r.id} selected={r.id === roleId}>
      {r.name}
    </option>
  );
  return (
    <form class="filters" onSubmit={submit} aria-label="Compare with a role">
      {roles.length ? (
        <div class="field">
          <label for="role-id">Role to compare with</label>
          <select id="role-id" name="roleId" aria-describedby={unlisted ? 'role-id-hint' : undefined}>
            <option value="">The current role</option>
            {listed.length > 1
              ? groups.map((g) => (
                  <optgroup key={g.organisationId} label={g.organisationName}>
                    {g.roles.map(option)}
                  </optgroup>
                ))
              : roles.map(option)}
            {elsewhere ? (
              <option value={roleId} selected>
                Role {roleId}
              </option>
            ) : null}
          </select>
          {unlisted ? (
            <p id="role-id-hint" class="hint">
              The job roles of {unlisted === 1 ? 'one of the organisations' : `${unlisted} of the organisations`} could
              not be listed just now.
            </p>
          ) : null}
        </div>
      ) : (
        <div class="field">
          <label for="role-id">Id of a role to aim for</label>
          <input id="role-id" name="roleId" defaultValue={roleId ?? ''} aria-describedby="role-id-hint" />
          <p id="role-id-hint" class="hint">
            {unlisted
              ? 'The job roles could not be listed just now. '
              : 'There are no job roles of a current employer to choose from. '}
            Leave empty for the current role.
          </p>
        </div>
      )}
      <div class="filter-actions">
        <button type="submit" class="button">
          Compare
        </button>
      </div>
    </form>
  );
}

function RoleGapReport({ gap }: { gap: RoleGap }) {
  if (!gap.role) return <p>No role is held now, and none was chosen to compare with.</p>;
  const aimed = gap.currentRole?.id !== gap.role.id;
  return (
    <>
      <h2>
        {aimed ? 'Aiming for' : 'Current role'}: {gap.role.name}
      </h2>
      {aimed && gap.currentRole ? <p>Compared with the current role, {gap.currentRole.name}.</p> : null}
      <ScrollTable label={`Requirements of ${gap.role.name}`}>
        <table class="table">
          <caption>Capabilities {gap.role.name} requires</caption>
          <thead>
            <tr>
              <th scope="col">Capability</th>
              <th scope="col">Required</th>
              <th scope="col">Reached</th>
              <th scope="col">Met?</th>
            </tr>
          </thead>
          <tbody>
            {gap.requirements.map((r) => (
              <tr key={r.capabilityId}>
                <th scope="row">{r.name}</th>
                <td>{stageLabel(r.required)}</td>
                <td>
                  <StageBadge stage={r.current} />
                </td>
                <td>{r.met ? 'Met' : 'Not yet'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <div class="two-columns">
        <section class="card" aria-labelledby="strengths">
          <h3 id="strengths">Transferable strengths</h3>
          {gap.transferableStrengths.length ? (
            <ul>
              {gap.transferableStrengths.map((s) => (
                <li key={s.capabilityId}>
                  {s.name}: {stageLabel(s.current)} (needs {stageLabel(s.required)})
                </li>
              ))}
            </ul>
          ) : (
            <p>None of this role's requirements is met yet.</p>
          )}
        </section>
        <section class="card" aria-labelledby="qualifications">
          <h3 id="qualifications">Qualifications</h3>
          {gap.qualifications.required.length ? (
            <ul>
              {gap.qualifications.required.map((q) => (
                <li key={q}>
                  {q}: {gap.qualifications.held.includes(q) ? 'held' : 'not held yet'}
                </li>
              ))}
            </ul>
          ) : (
            <p>The role requires no qualification.</p>
          )}
          {gap.training.required.length ? <p>Training required: {gap.training.required.join('; ')}</p> : null}
        </section>
      </div>
      <section aria-labelledby="gaps">
        <h3 id="gaps">Gaps to close</h3>
        {gap.gaps.length ? (
          gap.gaps.map((g) => (
            <div key={g.capabilityId} class="card">
              <h4>
                {g.name}: from {stageLabel(g.current)} to {stageLabel(g.required)}
              </h4>
              <ul class="indicator-list">
                {g.missingIndicators.map((i) => (
                  <li key={i.indicatorId}>
                    <span class="indicator-stage">{stageLabel(i.stage)}:</span> {i.text}
                  </li>
                ))}
              </ul>
            </div>
          ))
        ) : (
          <p>No gap: every requirement of {gap.role.name} is met.</p>
        )}
      </section>
    </>
  );
}

import { useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { keys, useFramework, useOrganisationRoles } from '../../api/queries';
import { ACHIEVABLE_STAGES, type Framework, type JobRole, type StageName } from '../../api/types';
import { PageHeading, ScrollTable } from '../../components/page';
import { ErrorMessage, Loaded, Notice } from '../../components/status';
import { catalogueOf, GROUP_LABELS, stageLabel } from '../../labels';
import { OrganisationPicker } from './organisations';

/** A learning lead's job roles: each with the stage it requires on the capabilities that matter. */
export function RolesView({ organisationId }: { organisationId: string }) {
  const framework = useFramework();
  const roles = useOrganisationRoles(organisationId);
  const [editing, setEditing] = useState<JobRole | 'new' | undefined>();
  const [saved, setSaved] = useState<string>();
  return (
    <>
      <PageHeading title="Job roles">Job roles</PageHeading>
      <p>
        The stage each role requires on the personal capabilities that matter for it. Workers see their gap against
        their role and against roles they aim for.
      </p>
      <OrganisationPicker organisationId={organisationId} page="roles" />
      {saved ? <Notice>{saved}</Notice> : null}
      <Loaded query={framework} what="the CLF catalogue">
        {(f) => (
          <Loaded query={roles} what="the job roles">
            {(page) => (
              <>
                <RolesTable roles={page.roles} framework={f} onEdit={(role) => setEditing(role)} />
                {editing ? (
                  <RoleForm
                    key={editing === 'new' ? 'new' : editing.id}
                    organisationId={organisationId}
                    framework={f}
                    role={editing === 'new' ? undefined : editing}
                    onDone={(message) => {
                      setEditing(undefined);
                      setSaved(message);
                    }}
                  />
                ) : (
                  <button type="button" class="button" onClick={() => setEditing('new')}>
                    Define a job role
                  </button>
                )}
              </>
            )}
          </Loaded>
        )}
      </Loaded>
    </>
  );
}

function RolesTable({
  roles,
  framework,
  onEdit,
}: {
  roles: JobRole[];
  framework: Framework;
  onEdit: (role: JobRole) => void;
}) {
  const catalogue = catalogueOf(framework);
  if (!roles.length) return <p>No job role is defined yet.</p>;
  return (
    <ScrollTable label="Job roles">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Required stages</th>
            <th scope="col">Qualifications</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {roles.map((role) => (
            <tr key={role.id}>
              <th scope="row">
                {role.name}
                <span class="hint block">id: {role.id}</span>
              </th>
              <td>
                <ul class="plain-list">
                  {role.requirements.map((r) => (
                    <li key={r.capabilityId}>
                      {catalogue.capabilityName(r.capabilityId)}: {stageLabel(r.stage)}
                    </li>
                  ))}
                </ul>
              </td>
              <td>{role.qualifications.join('; ') || 'None'}</td>
              <td>
                <button type="button" class="button-secondary" onClick={() => onEdit(role)}>
                  Change<span class="visually-hidden"> {role.name}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

interface Requirement {
  capabilityId: string;
  stage: StageName;
}

function RoleForm({
  organisationId,
  framework,
  role,
  onDone,
}: {
  organisationId: string;
  framework: Framework;
  role?: JobRole;
  onDone: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [requirements, setRequirements] = useState<Requirement[]>(
    role?.requirements ?? [{ capabilityId: framework.personalCapabilities[0]!.id, stage: 'engaged' }],
  );
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const lines = (name: string) =>
      ((data.get(name) as string) ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    const details = {
      name: ((data.get('name') as string) ?? '').trim(),
      requirements,
      qualifications: lines('qualifications'),
      training: lines('training'),
    };
    setBusy(true);
    setError(undefined);
    try {
      if (role) await api('PUT', `/api/roles/${encodeURIComponent(role.id)}`, details);
      else {
        const id = ((data.get('id') as string) ?? '').trim();
        await api('POST', '/api/roles', { ...details, organisationId, ...(id ? { id } : {}) });
      }
      await queryClient.invalidateQueries({ queryKey: keys.organisationRoles(organisationId) });
      onDone(role ? `${details.name}: requirements changed.` : `${details.name} defined.`);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  const update = (index: number, change: Partial<Requirement>) =>
    setRequirements(requirements.map((r, i) => (i === index ? { ...r, ...change } : r)));
  return (
    <form class="form card" onSubmit={submit} aria-labelledby="role-form-heading">
      <h2 id="role-form-heading">{role ? `Change ${role.name}` : 'Define a job role'}</h2>
      <div class="field">
        <label for="role-name">Name</label>
        <input id="role-name" name="name" required defaultValue={role?.name} maxLength={200} />
      </div>
      {role ? null : (
        <div class="field">
          <label for="role-id-new">Id (optional)</label>
          <input id="role-id-new" name="id" pattern="[a-z0-9][a-z0-9-]*" aria-describedby="role-id-new-hint" />
          <p id="role-id-new-hint" class="hint">
            Lower-case letters, digits and hyphens, e.g. senior-support-worker. Left empty, one is made up.
          </p>
        </div>
      )}
      <fieldset>
        <legend>Required stages</legend>
        {requirements.map((r, index) => (
          <div key={index} class="requirement-row">
            <div class="field">
              <label for={`req-capability-${index}`}>Capability {index + 1}</label>
              <select
                id={`req-capability-${index}`}
                value={r.capabilityId}
                onChange={(e) => update(index, { capabilityId: e.currentTarget.value })}
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
            <div class="field">
              <label for={`req-stage-${index}`}>Stage required</label>
              <select
                id={`req-stage-${index}`}
                value={r.stage}
                onChange={(e) => update(index, { stage: e.currentTarget.value as StageName })}
              >
                {ACHIEVABLE_STAGES.map((s) => (
                  <option key={s} value={s}>
                    {stageLabel(s)}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              class="button-quiet"
              onClick={() => setRequirements(requirements.filter((_, i) => i !== index))}
            >
              Remove<span class="visually-hidden"> capability {index + 1}</span>
            </button>
          </div>
        ))}
        <button
          type="button"
          class="button-secondary"
          onClick={() =>
            setRequirements([
              ...requirements,
              { capabilityId: framework.personalCapabilities[0]!.id, stage: 'engaged' },
            ])
          }
        >
          Add a capability
        </button>
      </fieldset>
      <div class="field">
        <label for="role-qualifications">Qualifications required (one a line)</label>
        <textarea
          id="role-qualifications"
          name="qualifications"
          rows={3}
          defaultValue={role?.qualifications.join('\n')}
        />
      </div>
      <div class="field">
        <label for="role-training">Training required (one a line)</label>
        <textarea id="role-training" name="training" rows={2} defaultValue={role?.training.join('\n')} />
      </div>
      {error ? <ErrorMessage error={error} title="Not saved" /> : null}
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          {role ? 'Save the requirements' : 'Define the role'}
        </button>
        <button type="button" class="button-quiet" onClick={() => onDone('')}>
          Cancel
        </button>
      </div>
    </form>
  );
}

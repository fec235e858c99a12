import { useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { auditPaths, keys, useAdoption } from '../../api/queries';
import { ADOPTION_STATUSES, type Adoption, type AdoptionStatus } from '../../api/types';
import { PageHeading, ScrollTable } from '../../components/page';
import { ErrorMessage, Loaded, Notice } from '../../components/status';
import { AuditNav, formatDay, today } from './audit-parts';
import { OrganisationPicker, useOrganisationLabel } from './organisations';

/** Words of seed 002's measures: employers aware of the CLF, and using it. */
export const ADOPTION_LABELS: Record<AdoptionStatus, string> = {
  aware: 'Aware of the CLF',
  using: 'Using the CLF',
  stopped: 'Stopped using the CLF',
};

/** The organisation's awareness and use of the CLF over time: what evaluators count year on year. */
export function AdoptionView({ organisationId }: { organisationId: string }) {
  const organisationName = useOrganisationLabel(organisationId);
  const adoption = useAdoption(organisationId);
  return (
    <>
      <PageHeading title="CLF adoption">CLF adoption</PageHeading>
      <p class="subtitle">
        When {organisationName} became aware of the CLF, started using it or stopped: evaluators count employers aware
        of and using the CLF from these dates.
      </p>
      <OrganisationPicker organisationId={organisationId} page="adoption" />
      <AuditNav organisationId={organisationId} current="adoption" />
      <Loaded query={adoption} what="the CLF adoption dates">
        {(a) => <AdoptionHistory adoption={a} />}
      </Loaded>
      <RecordAdoptionForm organisationId={organisationId} />
    </>
  );
}

function AdoptionHistory({ adoption }: { adoption: Adoption }) {
  return (
    <>
      <p class="big-figure">
        Today: {adoption.current ? ADOPTION_LABELS[adoption.current] : 'no adoption date recorded'}
      </p>
      {adoption.history.length ? (
        <ScrollTable label="CLF adoption dates">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {adoption.history.map((h, i) => (
                <tr key={`${h.date}-${i}`}>
                  <td>{formatDay(h.date)}</td>
                  <td>{ADOPTION_LABELS[h.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      ) : null}
    </>
  );
}

function RecordAdoptionForm({ organisationId }: { organisationId: string }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ busy: boolean; error?: unknown; saved?: string }>({ busy: false });
  async function submit(event: Event) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const body = { status: data.get('status') as AdoptionStatus, date: data.get('date') as string };
    setState({ busy: true });
    try {
      await api('POST', auditPaths.adoption(organisationId), body);
      await queryClient.invalidateQueries({ queryKey: keys.adoption(organisationId) });
      setState({ busy: false, saved: `Recorded: ${ADOPTION_LABELS[body.status]} from ${formatDay(body.date)}.` });
    } catch (error) {
      setState({ busy: false, error });
    }
  }
  return (
    <form class="form card" onSubmit={submit} aria-labelledby="adoption-form-heading">
      <h2 id="adoption-form-heading">Record a change</h2>
      <div class="requirement-row">
        <div class="field">
          <label for="adoption-status">Status</label>
          <select id="adoption-status" name="status">
            {ADOPTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ADOPTION_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="adoption-date">From</label>
          <input id="adoption-date" name="date" type="date" required defaultValue={today()} />
        </div>
      </div>
      {state.error ? <ErrorMessage error={state.error} title="Not recorded" /> : null}
      {state.saved ? <Notice>{state.saved}</Notice> : null}
      <button type="submit" class="button" disabled={state.busy}>
        Record
      </button>
    </form>
  );
}

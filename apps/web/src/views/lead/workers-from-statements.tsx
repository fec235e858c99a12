import { useQuery, useQueryClient } from '@tanstack/preact-query';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../api/client';
import { auditPaths, keys, useWorkersFromStatements } from '../../api/queries';
import type { StaffMember, StaffPage, WorkerFromStatement } from '../../api/types';
import { PageHeading, ScrollTable } from '../../components/page';
import { Pager, useCursors } from '../../components/pager';
import { ErrorMessage, Loaded, Notice } from '../../components/status';
import { formatDate } from '../../labels';
import { OrganisationPicker, useOrganisationLabel } from './organisations';

type Decision = 'confirm' | 'reject' | 'merge';

const DONE: Record<Decision, string> = { confirm: 'confirmed', reject: 'rejected', merge: 'merged' };

/** The form's names of the request fields a refusal may name (the problem details' `field`). */
const FIELD_TEXT: Record<string, string> = { intoWorkerId: 'Existing worker', note: 'Note for the audit trail' };

/**
 * The learning lead's review of the workers their LRS clients registered by sending statements about
 * people Continuum did not know: confirm each, reject them (they leave the organisation), or merge them
 * into a worker the organisation already has (the same person under another identifier).
 */
export function WorkersFromStatementsView({ organisationId }: { organisationId: string }) {
  const organisationName = useOrganisationLabel(organisationId);
  const cursors = useCursors();
  const page = useWorkersFromStatements(organisationId, cursors.after);
  const [reviewing, setReviewing] = useState<WorkerFromStatement>();
  const [done, setDone] = useState<string>();
  const listHeading = useRef<HTMLHeadingElement>(null);
  function finished(message: string) {
    setReviewing(undefined);
    setDone(message);
    // Reviewed workers leave the list: the page they were on may now be empty or gone.
    cursors.reset();
    listHeading.current?.focus();
  }
  return (
    <>
      <PageHeading title="Workers to review">Workers to review</PageHeading>
      <p class="subtitle">
        People your learning systems (LRS clients) sent statements about whom Continuum did not know: each became a
        worker of {organisationName}. Confirm them, reject them (they leave the organisation; their statements stay
        stored), or merge them into a worker you already have when they are the same person.
      </p>
      <OrganisationPicker organisationId={organisationId} page="workers-from-statements" />
      {done ? <Notice>{done}</Notice> : null}
      <section aria-labelledby="to-review-heading" aria-busy={page.isFetching}>
        <h2 id="to-review-heading" ref={listHeading} tabIndex={-1}>
          Not yet reviewed{cursors.pageNumber > 1 ? `, page ${cursors.pageNumber}` : ''}
        </h2>
        <Loaded query={page} what="the workers to review">
          {(data) => (
            <>
              {data.workers.length ? (
                <ReviewTable
                  workers={data.workers}
                  onReview={(worker) => {
                    setDone(undefined);
                    setReviewing(worker);
                  }}
                />
              ) : (
                <p>Nobody to review: every worker registered from statements has been reviewed.</p>
              )}
              <Pager label="Pages of workers to review" cursors={cursors} next={data.next} />
            </>
          )}
        </Loaded>
      </section>
      {reviewing ? (
        <ReviewForm
          key={reviewing.id}
          organisationId={organisationId}
          worker={reviewing}
          onDone={finished}
          onCancel={() => {
            setReviewing(undefined);
            listHeading.current?.focus();
          }}
        />
      ) : null}
    </>
  );
}

const nameOf = (worker: { id: string; name: string | null }) => worker.name ?? `Unnamed worker ${worker.id}`;

/** An xAPI agent's identifier in words: its email, account or OpenID. */
function identifierText(agent: Record<string, unknown>): string {
  if (typeof agent.mbox === 'string') return agent.mbox.replace(/^mailto:/, '');
  if (typeof agent.mbox_sha1sum === 'string') return `email hash ${agent.mbox_sha1sum.slice(0, 12)}…`;
  if (typeof agent.openid === 'string') return agent.openid;
  const account = agent.account as { name?: string; homePage?: string } | undefined;
  if (account) return `${account.name ?? '?'} at ${account.homePage ?? '?'}`;
  return JSON.stringify(agent);
}

function ReviewTable({
  workers,
  onReview,
}: {
  workers: WorkerFromStatement[];
  onReview: (worker: WorkerFromStatement) => void;
}) {
  return (
    <ScrollTable label="Workers to review">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Name in the statements</th>
            <th scope="col">Identifier</th>
            <th scope="col">First statement</th>
            <th scope="col">Records</th>
            <th scope="col">Review</th>
          </tr>
        </thead>
        <tbody>
          {workers.map((w) => (
            <tr key={w.id}>
              <th scope="row">{nameOf(w)}</th>
              <td class="break-anywhere">{w.identifiers.map(identifierText).join(', ')}</td>
              <td>{formatDate(w.firstSeenAt)}</td>
              <td>{w.records}</td>
              <td>
                <button type="button" class="button-secondary" onClick={() => onReview(w)}>
                  Review {nameOf(w)}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

/** Every current worker of the organisation, for choosing whom to merge into (pages of 500 until the last). */
function useCurrentWorkers(organisationId: string) {
  return useQuery({
    queryKey: [...keys.staff(organisationId, undefined), 'all-current'],
    queryFn: async () => {
      const workers: StaffMember[] = [];
      let after: string | null = null;
      do {
        const search: string = new URLSearchParams({ limit: '500', ...(after ? { after } : {}) }).toString();
        const page: StaffPage = await api<StaffPage>('GET', `${auditPaths.staff(organisationId)}?${search}`);
        workers.push(...page.workers.filter((w) => w.current));
        after = page.next;
      } while (after);
      return workers.sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
    },
    retry: false,
  });
}

function ReviewForm({
  organisationId,
  worker,
  onDone,
  onCancel,
}: {
  organisationId: string;
  worker: WorkerFromStatement;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<Decision>('confirm');
  const [state, setState] = useState<{ busy: boolean; error?: unknown }>({ busy: false });
  const heading = useRef<HTMLHeadingElement>(null);
  // The button pressed stays in the table: focus goes to the form it opened.
  useEffect(() => heading.current?.focus(), []);
  const name = nameOf(worker);
  const fieldAtFault = state.error instanceof ApiError ? state.error.field : undefined;
  const fieldText = (field: string) => (field === 'workerId' ? name : FIELD_TEXT[field]);

  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const path = `${auditPaths.workersFromStatements(organisationId)}/${encodeURIComponent(worker.id)}/${decision}`;
    const note = ((form.get('note') as string | null) ?? '').trim();
    const body = decision === 'merge' ? { intoWorkerId: form.get('intoWorkerId') } : note ? { note } : {};
    setState({ busy: true });
    try {
      await api('POST', path, body);
      onDone(`${name} ${DONE[decision]}.`);
    } catch (error) {
      setState({ busy: false, error });
    } finally {
      // Reviewed here or by someone else meanwhile (a 409): the list and the staff change either way.
      await queryClient.invalidateQueries({ queryKey: ['organisation', organisationId] });
    }
  }

  return (
    <form class="form card" onSubmit={submit} aria-labelledby="review-heading">
      <h2 id="review-heading" ref={heading} tabIndex={-1}>
        Review {name}
      </h2>
      <p>
        {worker.identifiers.map(identifierText).join(', ')}: first statement on {formatDate(worker.firstSeenAt)},{' '}
        {worker.records} record{worker.records === 1 ? '' : 's'} from your organisation.
      </p>
      <fieldset>
        <legend>Decision</legend>
        <Choice value="confirm" current={decision} onChange={setDecision}>
          Confirm: {name} is a worker of the organisation
        </Choice>
        <Choice value="reject" current={decision} onChange={setDecision}>
          Reject: {name} is not one of your workers (they leave the organisation today; their statements stay stored)
        </Choice>
        <Choice value="merge" current={decision} onChange={setDecision}>
          Merge into a worker you already have (the same person under another identifier)
        </Choice>
      </fieldset>
      {decision === 'merge' ? (
        <MergeTarget organisationId={organisationId} worker={worker} invalid={fieldAtFault === 'intoWorkerId'} />
      ) : (
        <div class="field">
          <label for="review-note">Note for the audit trail (optional)</label>
          <textarea
            id="review-note"
            name="note"
            maxLength={500}
            rows={2}
            aria-invalid={fieldAtFault === 'note' ? true : undefined}
            aria-describedby={fieldAtFault === 'note' ? 'review-error' : undefined}
          />
        </div>
      )}
      {state.error ? (
        <div id="review-error">
          <ErrorMessage
            error={inFormWords(state.error, fieldText)}
            title={`${name} was not ${DONE[decision]}${fieldAtFault && FIELD_TEXT[fieldAtFault] ? `: check "${FIELD_TEXT[fieldAtFault]}"` : ''}`}
          />
        </div>
      ) : null}
      <div class="actions">
        <button type="submit" class={decision === 'reject' ? 'button-danger' : 'button'} disabled={state.busy}>
          {decision === 'confirm' ? `Confirm ${name}` : decision === 'reject' ? `Reject ${name}` : `Merge ${name}`}
        </button>
        <button type="button" class="button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The API's detail starts with the request field's name (`intoWorkerId: …`): the form's name for it reads better. */
function inFormWords(error: unknown, fieldText: (field: string) => string | undefined): unknown {
  if (!(error instanceof ApiError) || !error.field) return error;
  const text = fieldText(error.field);
  const prefix = `${error.field}: `;
  return text && error.message.startsWith(prefix)
    ? new ApiError(error.status, `${text}: ${error.message.slice(prefix.length)}`, error.field)
    : error;
}

function Choice({
  value,
  current,
  onChange,
  children,
}: {
  value: Decision;
  current: Decision;
  onChange: (value: Decision) => void;
  children: ComponentChildren;
}) {
  return (
    <label class="choice">
      <input type="radio" name="decision" value={value} checked={value === current} onChange={() => onChange(value)} />{' '}
      {children}
    </label>
  );
}

/** The existing worker to merge into, found by name among the organisation's current workers. */
function MergeTarget({
  organisationId,
  worker,
  invalid,
}: {
  organisationId: string;
  worker: WorkerFromStatement;
  /** The API refused the worker chosen: the control says so and points at the message. */
  invalid: boolean;
}) {
  const workers = useCurrentWorkers(organisationId);
  const [find, setFind] = useState('');
  return (
    <Loaded query={workers} what="the organisation's workers">
      {(all) => {
        const words = find.trim().toLowerCase();
        const others = all.filter((w) => w.id !== worker.id);
        const matching = others.filter((w) => nameOf(w).toLowerCase().includes(words));
        return (
          <>
            <div class="field">
              <label for="merge-find">Find the worker by name</label>
              <input
                id="merge-find"
                type="search"
                value={find}
                onInput={(e) => setFind((e.currentTarget as HTMLInputElement).value)}
                aria-describedby="merge-found"
              />
              <p id="merge-found" class="hint" aria-live="polite">
                {matching.length} of {others.length} workers
              </p>
            </div>
            <div class="field">
              <label for="merge-into">Existing worker</label>
              <select
                id="merge-into"
                name="intoWorkerId"
                required
                aria-invalid={invalid ? true : undefined}
                aria-describedby={invalid ? 'review-error' : undefined}
              >
                {matching.map((w) => (
                  <option key={w.id} value={w.id}>
                    {nameOf(w)}
                    {w.registrationNumber ? `, registration ${w.registrationNumber}` : ''}
                    {w.currentRole ? `, ${w.currentRole.name ?? w.currentRole.roleId}` : ''}
                  </option>
                ))}
              </select>
            </div>
          </>
        );
      }}
    </Loaded>
  );
}

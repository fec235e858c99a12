import { useQueryClient } from '@tanstack/preact-query';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { auditPaths, useLrsClients } from '../../api/queries';
import { DEFAULT_LRS_SCOPES, LRS_SCOPES, type CreatedLrsClient, type LrsClient, type LrsScope } from '../../api/types';
import { PageHeading, ScrollTable } from '../../components/page';
import { Pager, useCursors } from '../../components/pager';
import { ErrorMessage, Loaded } from '../../components/status';
import { formatDate } from '../../labels';
import { OrganisationPicker, useOrganisationLabel } from './organisations';

/** What each xAPI scope lets a client do, in words (xAPI 1.0.3 §6.4.2). */
const SCOPE_TEXT: Record<LrsScope, string> = {
  'statements/write': 'send statements',
  'statements/read': "read every statement of the organisation's records",
  'statements/read/mine': 'read the statements it sent',
  state: 'keep state documents (e.g. where a learner left off)',
  profile: 'keep activity and agent profiles',
  define: 'define activities',
  'all/read': 'read everything of the organisation',
  all: 'everything',
};

/**
 * The organisation's LRS clients: the credentials an LMS or e-learning package uses to send xAPI
 * statements to /xapi. A new client's secret is shown once, on this page, and never again (only its
 * hash is kept); revoking stops the credentials at once.
 */
export function LrsClientsView({ organisationId }: { organisationId: string }) {
  const organisationName = useOrganisationLabel(organisationId);
  const [created, setCreated] = useState<CreatedLrsClient>();
  return (
    <>
      <PageHeading title="LRS clients">LRS clients</PageHeading>
      <p class="subtitle">
        Credentials for the learning systems (an LMS, an e-learning package) that send the learning records of
        {organisationName} to Continuum's xAPI endpoint, <code>{`${window.location.origin}/xapi/`}</code>, with HTTP
        Basic authentication (the key as user name, the secret as password).
      </p>
      <OrganisationPicker organisationId={organisationId} page="lrs-clients" />
      {created ? (
        <NewCredentials
          client={created}
          onDone={() => {
            setCreated(undefined);
            // The button pressed is gone: the list, with the new client in it, is where the person goes on.
            document.getElementById('clients-heading')?.focus();
          }}
        />
      ) : null}
      <ClientList organisationId={organisationId} />
      <CreateClientForm key={created?.id ?? 'none'} organisationId={organisationId} onCreated={setCreated} />
    </>
  );
}

/** The one time the secret is visible: said plainly, and kept on screen until the person says it is stored. */
function NewCredentials({ client, onDone }: { client: CreatedLrsClient; onDone: () => void }) {
  // The form that was submitted is drawn afresh, so focus would fall to the page: it goes to the secret instead.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div class="card card-warning" aria-labelledby="new-credentials" role="alert">
      <h2 id="new-credentials" ref={heading} tabIndex={-1}>
        Copy the secret of {client.name} now
      </h2>
      <p>
        <strong>This is the only time the secret is shown.</strong> Continuum keeps only a hash of it: if it is lost,
        revoke this client and create another. Give it only to the system that sends the records, never by email.
      </p>
      <dl class="credentials">
        <dt>Endpoint</dt>
        <dd>
          <code>{`${window.location.origin}/xapi/`}</code>
        </dd>
        <dt>Key (user name)</dt>
        <dd>
          <code>{client.key}</code>
        </dd>
        <dt>Secret (password)</dt>
        <dd>
          <code>{client.secret}</code>
        </dd>
      </dl>
      <button type="button" class="button" onClick={onDone}>
        I have stored the secret
      </button>
    </div>
  );
}

function ClientList({ organisationId }: { organisationId: string }) {
  const cursors = useCursors();
  const page = useLrsClients(organisationId, cursors.after);
  return (
    <section aria-labelledby="clients-heading" aria-busy={page.isFetching}>
      <h2 id="clients-heading" tabIndex={-1}>
        Clients{cursors.pageNumber > 1 ? `, page ${cursors.pageNumber}` : ''}
      </h2>
      <Loaded query={page} what="the LRS clients">
        {(data) => (
          <>
            {data.clients.length ? (
              <ClientTable organisationId={organisationId} clients={data.clients} />
            ) : (
              <p>No LRS client yet: create one below for each system that sends learning records.</p>
            )}
            <Pager label="Pages of LRS clients" cursors={cursors} next={data.next} />
          </>
        )}
      </Loaded>
    </section>
  );
}

function ClientTable({ organisationId, clients }: { organisationId: string; clients: LrsClient[] }) {
  return (
    <ScrollTable label="LRS clients">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">May</th>
            <th scope="col">Created</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {clients.map((client) => (
            <tr key={client.id}>
              <th scope="row">{client.name}</th>
              <td>
                <code>{client.key}</code>
              </td>
              <td>{client.scopes.map((s) => SCOPE_TEXT[s] ?? s).join('; ')}</td>
              <td>{formatDate(client.createdAt)}</td>
              <td>
                {client.revokedAt ? (
                  `Revoked on ${formatDate(client.revokedAt)}`
                ) : (
                  <RevokeButton organisationId={organisationId} client={client} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

/** Revoking cannot be undone, so it asks once more, naming the client and what stops. */
function RevokeButton({ organisationId, client }: { organisationId: string; client: LrsClient }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ asking: boolean; busy: boolean; error?: unknown }>({
    asking: false,
    busy: false,
  });
  // The pressed button is replaced by the question (and back): focus follows, to the safe answer first.
  const keep = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (state.asking) keep.current?.focus();
    else if (asked.current) ask.current?.focus();
    asked.current ||= state.asking;
  }, [state.asking]);
  async function revoke() {
    setState({ asking: true, busy: true });
    try {
      await api('DELETE', `${auditPaths.lrsClients(organisationId)}/${encodeURIComponent(client.id)}`);
      await queryClient.invalidateQueries({ queryKey: ['organisation', organisationId, 'lrs-clients'] });
    } catch (error) {
      setState({ asking: true, busy: false, error });
    }
  }
  if (!state.asking)
    return (
      <>
        Active{' '}
        <button
          ref={ask}
          type="button"
          class="button-quiet"
          onClick={() => setState({ asking: true, busy: false })}
          aria-label={`Revoke ${client.name}`}
        >
          Revoke
        </button>
      </>
    );
  return (
    <div role="group" aria-label={`Revoke ${client.name}?`}>
      <p class="revoke-question">Revoke {client.name}? Its key stops working at once; this cannot be undone.</p>
      <div class="actions">
        <button type="button" class="button-danger" disabled={state.busy} onClick={() => void revoke()}>
          Yes, revoke {client.name}
        </button>
        <button ref={keep} type="button" class="button-quiet" onClick={() => setState({ asking: false, busy: false })}>
          Keep it
        </button>
      </div>
      {state.error ? <ErrorMessage error={state.error} title="Not revoked" /> : null}
    </div>
  );
}

function CreateClientForm({
  organisationId,
  onCreated,
}: {
  organisationId: string;
  onCreated: (client: CreatedLrsClient) => void;
}) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ busy: boolean; error?: unknown }>({ busy: false });
  async function submit(event: Event) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const body = { name: (data.get('name') as string).trim(), scopes: data.getAll('scopes') as string[] };
    setState({ busy: true });
    try {
      // No scope ticked: the API's message says a client needs one, in its own words.
      const client = await api<CreatedLrsClient>('POST', auditPaths.lrsClients(organisationId), body);
      await queryClient.invalidateQueries({ queryKey: ['organisation', organisationId, 'lrs-clients'] });
      onCreated(client);
    } catch (error) {
      setState({ busy: false, error });
    }
  }
  return (
    <form class="form card" onSubmit={submit} aria-labelledby="create-client-heading">
      <h2 id="create-client-heading">Create a client</h2>
      <div class="field">
        <label for="client-name">Name of the system</label>
        <input id="client-name" name="name" required maxLength={200} placeholder="e.g. Moodle, induction pack" />
      </div>
      <fieldset>
        <legend>What it may do</legend>
        {LRS_SCOPES.map((scope) => (
          <label key={scope} class="choice">
            <input
              type="checkbox"
              name="scopes"
              value={scope}
              defaultChecked={(DEFAULT_LRS_SCOPES as readonly string[]).includes(scope)}
            />
            {/* One flex item, so the scope's code wraps with its words instead of being squeezed beside them. */}
            <span>
              {SCOPE_TEXT[scope]} <code>{scope}</code>
            </span>
          </label>
        ))}
      </fieldset>
      {state.error ? <ErrorMessage error={state.error} title="The client was not created" /> : null}
      <button type="submit" class="button" disabled={state.busy}>
        Create the client
      </button>
    </form>
  );
}

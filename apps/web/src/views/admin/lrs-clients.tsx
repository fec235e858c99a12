import { useQueryClient } from '@tanstack/preact-query';
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { keys, useLrsClients } from '../../api/queries';
import { LRS_SCOPES, type CreatedLrsClient, type LrsClient } from '../../api/types';
import { PageHeading, ScrollTable } from '../../components/page';
import { ErrorMessage, Loaded } from '../../components/status';
import { formatDate } from '../../labels';

/** LRS clients (HTTP Basic credentials of LMSs for /xapi): a platform admin's view, as the API allows it only to them. */
export function LrsClientsView() {
  const clients = useLrsClients();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<CreatedLrsClient>();
  const [error, setError] = useState<unknown>();

  async function revoke(client: LrsClient) {
    if (!window.confirm(`Revoke ${client.name}? Its LMS stops being able to send statements at once.`)) return;
    setError(undefined);
    try {
      await api('DELETE', `/api/admin/lrs-clients/${encodeURIComponent(client.id)}`);
      await queryClient.invalidateQueries({ queryKey: keys.lrsClients });
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <>
      <PageHeading title="LRS clients">LRS clients</PageHeading>
      <p>
        Credentials that learning management systems use to send xAPI statements to <code>/xapi/</code> (HTTP Basic: the key is the user name, the secret the password).
      </p>
      {error ? <ErrorMessage error={error} title="Not revoked" /> : null}
      {created ? (
        <div class="notice notice-success" role="status">
          <p class="notice-title">{created.name} registered. Copy the secret now: it is not shown again.</p>
          <dl class="credentials">
            <dt>Key</dt>
            <dd>
              <code>{created.key}</code>
            </dd>
            <dt>Secret</dt>
            <dd>
              <code>{created.secret}</code>
            </dd>
          </dl>
        </div>
      ) : null}
      <Loaded query={clients} what="the LRS clients">
        {(list) => (
          <ScrollTable label="LRS clients">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Key</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Registered</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {list.map((client) => (
                  <tr key={client.id}>
                    <th scope="row">{client.name}</th>
                    <td>
                      <code>{client.key}</code>
                    </td>
                    <td>{client.organisationId}</td>
                    <td>{client.scopes.join(', ')}</td>
                    <td>{formatDate(client.createdAt)}</td>
                    <td>
                      {client.revokedAt ? (
                        `Revoked ${formatDate(client.revokedAt)}`
                      ) : (
                        <button type="button" class="button-quiet" onClick={() => void revoke(client)}>
                          Revoke<span class="visually-hidden"> {client.name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </Loaded>
      <NewClientForm onCreated={setCreated} />
    </>
  );
}

function NewClientForm({ onCreated }: { onCreated: (client: CreatedLrsClient) => void }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>();
  async function submit(event: Event) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const organisationId = ((data.get('organisationId') as string) ?? '').trim();
    setError(undefined);
    try {
      const created = await api<CreatedLrsClient>('POST', '/api/admin/lrs-clients', {
        name: ((data.get('name') as string) ?? '').trim(),
        ...(organisationId ? { organisationId } : {}),
        scopes: data.getAll('scopes'),
      });
      await queryClient.invalidateQueries({ queryKey: keys.lrsClients });
      form.reset();
      onCreated(created);
    } catch (failure) {
      setError(failure);
    }
  }
  return (
    <form class="form card" onSubmit={submit} aria-labelledby="new-client">
      <h2 id="new-client">Register an LRS client</h2>
      <div class="field">
        <label for="client-name">Name</label>
        <input id="client-name" name="name" required maxLength={200} />
      </div>
      <div class="field">
        <label for="client-organisation">Organisation id</label>
        <input id="client-organisation" name="organisationId" aria-describedby="client-organisation-hint" />
        <p id="client-organisation-hint" class="hint">
          Statements from this client are filed under this organisation.
        </p>
      </div>
      <fieldset>
        <legend>Scopes</legend>
        {LRS_SCOPES.map((scope) => (
          <label key={scope} class="choice">
            <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === 'statements/write' || scope === 'statements/read/mine'} /> {scope}
          </label>
        ))}
      </fieldset>
      {error ? <ErrorMessage error={error} title="Not registered" /> : null}
      <button type="submit" class="button">
        Register the client
      </button>
    </form>
  );
}

import { useLocation } from 'preact-iso/router';
import { actsForSeveralOrganisations, reachOf } from '../../access';
import { useOrganisations } from '../../api/queries';
import type { OrganisationSummary } from '../../api/types';
import { ORGANISATION_PAGES } from '../../components/layout';
import { PageHeading, ScrollTable } from '../../components/page';
import { Pager, useCursors } from '../../components/pager';
import { ErrorMessage, Loaded } from '../../components/status';
import { useSession } from '../../session';

type OrganisationPageName = (typeof ORGANISATION_PAGES)[number]['page'] | 'adoption';

/** The choice on each organisation's page holds this many; a platform admin of more also gets the full list. */
const PICKER_LIMIT = 500;
const LIST_PAGE_SIZE = 50;

const useActsForSeveral = (): boolean => {
  const current = useSession();
  return current ? actsForSeveralOrganisations(reachOf(current.user)) : false;
};

/**
 * Which organisation an organisation's page is about, and a choice of the others the person acts for (a
 * lead of several, a platform admin): the same page of the one chosen opens, so the address keeps it.
 */
export function OrganisationPicker({ organisationId, page }: { organisationId: string; page: OrganisationPageName }) {
  const several = useActsForSeveral();
  const list = useOrganisations(PICKER_LIMIT, undefined, several);
  const { route } = useLocation();
  if (!several) return null;
  if (list.error) return <ErrorMessage error={list.error} title="Could not list your organisations" />;
  if (!list.data) return null;
  const organisations = list.data.organisations.some((o) => o.id === organisationId)
    ? list.data.organisations
    : [{ id: organisationId, name: organisationId } as OrganisationSummary, ...list.data.organisations];
  function submit(event: Event) {
    event.preventDefault();
    const chosen = new FormData(event.currentTarget as HTMLFormElement).get('organisationId') as string;
    if (chosen && chosen !== organisationId) route(`/organisations/${encodeURIComponent(chosen)}/${page}`);
  }
  return (
    <form class="filters organisation-picker" onSubmit={submit} aria-label="Choose the organisation">
      <div class="field">
        <label for="organisation-choice">Organisation</label>
        <select id="organisation-choice" name="organisationId" key={organisationId}>
          {organisations.map((o) => (
            <option key={o.id} value={o.id} selected={o.id === organisationId}>
              {optionText(o, organisations)}
            </option>
          ))}
        </select>
      </div>
      <div class="filter-actions">
        <button type="submit" class="button-secondary">
          Open
        </button>
      </div>
      {list.data.next ? (
        <p class="hint">
          The first {PICKER_LIMIT} by id; <a href="/organisations">every organisation</a>, a page at a time.
        </p>
      ) : null}
    </form>
  );
}

/** Two organisations may share a name: then the id tells them apart. */
const optionText = (o: OrganisationSummary, all: OrganisationSummary[]): string =>
  all.filter((other) => other.name === o.name).length > 1 ? `${o.name} (${o.id})` : o.name;

/** Every organisation the person acts for, a page at a time, each with links to its pages. */
export function OrganisationsView() {
  const cursors = useCursors();
  const list = useOrganisations(LIST_PAGE_SIZE, cursors.after);
  return (
    <>
      <PageHeading title="Organisations">Organisations</PageHeading>
      <p class="subtitle">
        The organisations you act for. Choose one of its pages; the organisation's pages also let you switch to another.
      </p>
      <section aria-labelledby="organisations-heading" aria-busy={list.isFetching}>
        <h2 id="organisations-heading">
          Organisations by id{cursors.pageNumber > 1 ? `, page ${cursors.pageNumber}` : ''}
        </h2>
        <Loaded query={list} what="the organisations">
          {(data) => (
            <>
              {data.organisations.length ? (
                <OrganisationTable organisations={data.organisations} />
              ) : (
                <p>No organisation is registered yet.</p>
              )}
              <Pager label="Pages of organisations" cursors={cursors} next={data.next} />
            </>
          )}
        </Loaded>
      </section>
    </>
  );
}

function OrganisationTable({ organisations }: { organisations: OrganisationSummary[] }) {
  return (
    <ScrollTable label="Organisations">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Organisation</th>
            <th scope="col">Region</th>
            <th scope="col">Sector</th>
            <th scope="col">Its pages</th>
          </tr>
        </thead>
        <tbody>
          {organisations.map((o) => (
            <tr key={o.id}>
              <th scope="row">
                {o.name} <span class="hint">({o.id})</span>
              </th>
              <td>{o.region}</td>
              <td>{o.sector}</td>
              <td>
                <ul class="inline-links">
                  {ORGANISATION_PAGES.map(({ page, label }) => (
                    <li key={page}>
                      <a href={`/organisations/${encodeURIComponent(o.id)}/${page}`}>
                        {label}
                        <span class="visually-hidden"> of {o.name}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

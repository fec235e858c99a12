import { useLocation } from 'preact-iso/router';
import { actsFor, actsForSeveralOrganisations, reachOf } from '../../access';
import { useOrganisations } from '../../api/queries';
import type { OrganisationSummary } from '../../api/types';
import { ORGANISATION_PAGES } from '../../components/layout';
import { PageHeading, ScrollTable } from '../../components/page';
import { OrganisationChoice, useOrganisationName } from '../../components/organisation-choice';
import { Pager, useCursors } from '../../components/pager';
import { Loaded } from '../../components/status';
import { useSession } from '../../session';

type OrganisationPageName = (typeof ORGANISATION_PAGES)[number]['page'] | 'adoption';

const LIST_PAGE_SIZE = 50;

const useReach = () => {
  const current = useSession();
  return current ? reachOf(current.user) : undefined;
};

/**
 * The organisation a page is about, by its name for the person who acts for it (the API lists it to them);
 * its id until the name is known, or for someone refused the page (who asks nothing more of the API).
 */
export function useOrganisationLabel(organisationId: string): string {
  const reach = useReach();
  return useOrganisationName(organisationId, !!reach && actsFor(reach, organisationId)) ?? organisationId;
}

/**
 * Which organisation an organisation's page is about, and a choice of the others the person acts for (a
 * lead of several, a platform admin, who finds one by name among every organisation): the same page of
 * the one chosen opens, so the address keeps it.
 */
export function OrganisationPicker({ organisationId, page }: { organisationId: string; page: OrganisationPageName }) {
  const reach = useReach();
  const { route } = useLocation();
  if (!reach || !actsForSeveralOrganisations(reach)) return null;
  function submit(event: Event) {
    event.preventDefault();
    const chosen = new FormData(event.currentTarget as HTMLFormElement).get('organisationId') as string | null;
    if (chosen && chosen !== organisationId) route(`/organisations/${encodeURIComponent(chosen)}/${page}`);
  }
  return (
    <form class="filters organisation-picker" onSubmit={submit} aria-label="Choose the organisation">
      <OrganisationChoice
        id="organisation-choice"
        name="organisationId"
        label="Organisation"
        chosen={organisationId}
        searchable={reach.platformAdmin}
      />
      <div class="filter-actions">
        <button type="submit" class="button-secondary">
          Open
        </button>
      </div>
    </form>
  );
}

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

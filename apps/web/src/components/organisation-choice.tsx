import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { useOrganisations } from '../api/queries';
import type { OrganisationSummary } from '../api/types';
import { Pager, useCursors } from './pager';
import { ErrorMessage } from './status';

/** The choice holds this many organisations at a time; a search or the pager reaches the others. */
export const CHOICE_PAGE_SIZE = 50;

/**
 * A choice among the organisations the person acts for, inside a form read on submit (the select is its
 * field `name`). When they are more than a page (a platform admin's), a search by part of the name or id
 * and pages of them; the organisation chosen now stays in the choice whatever the page shows.
 */
export function OrganisationChoice({
  id,
  name,
  label,
  chosen,
  searchable,
  children,
}: {
  id: string;
  name: string;
  label: string;
  chosen: string | undefined;
  /** Offer the search even when one page holds them all (a platform admin: organisations keep coming). */
  searchable: boolean;
  /** Options before the organisations (the trends' national figures). */
  children?: ComponentChildren;
}) {
  const [search, setSearch] = useState<string | undefined>();
  const cursors = useCursors();
  const typed = useRef<HTMLInputElement>(null);
  const list = useOrganisations(CHOICE_PAGE_SIZE, cursors.after, true, search);
  // The organisation in view keeps its name in the choice when a search or a page leaves it out.
  const chosenName = useOrganisationName(chosen, true);
  if (list.error) return <ErrorMessage error={list.error} title="Could not list your organisations" />;
  if (!list.data) return null;
  const shown = list.data.organisations;
  const organisations =
    chosen && !shown.some((o) => o.id === chosen)
      ? [{ id: chosen, name: chosenName ?? chosen } as OrganisationSummary, ...shown]
      : shown;
  function find() {
    setSearch(typed.current?.value.trim() || undefined);
    cursors.reset();
  }
  const withSearch = searchable || search !== undefined || cursors.pageNumber > 1 || list.data.next !== null;
  return (
    <>
      {withSearch ? (
        <div class="field organisation-search">
          <label for={`${id}-search`}>Find by name or id</label>
          <div class="search-row">
            <input
              id={`${id}-search`}
              type="search"
              ref={typed}
              defaultValue={search ?? ''}
              aria-describedby={`${id}-found`}
              // Enter finds: it must not submit the form around the choice.
              onKeyDown={(event) => {
                if (event.key !== 'Enter') return;
                event.preventDefault();
                find();
              }}
            />
            <button type="button" class="button-secondary" onClick={find}>
              Find
            </button>
          </div>
        </div>
      ) : null}
      <div class="field">
        <label for={id}>{label}</label>
        <select id={id} name={name} key={`${chosen}-${search}-${cursors.after}`}>
          {children}
          {organisations.map((o) => (
            <option key={o.id} value={o.id} selected={o.id === chosen}>
              {optionText(o, organisations)}
            </option>
          ))}
        </select>
      </div>
      {withSearch ? (
        <p id={`${id}-found`} class="hint" role="status">
          {foundText(shown.length, search, cursors.pageNumber, list.data.next !== null)}
        </p>
      ) : null}
      <Pager label="Pages of organisations to choose from" cursors={cursors} next={list.data.next} />
    </>
  );
}

/** Two organisations may share a name: then the id tells them apart. */
const optionText = (o: OrganisationSummary, all: OrganisationSummary[]): string =>
  all.filter((other) => other.name === o.name).length > 1 ? `${o.name} (${o.id})` : o.name;

/** What the choice holds now, in words (a status: a screen reader hears what a search found). */
function foundText(count: number, search: string | undefined, pageNumber: number, more: boolean): string {
  const which = search ? `whose name or id holds “${search}”` : 'by id';
  if (!count) return search ? `No organisation’s name or id holds “${search}”.` : 'No organisation on this page.';
  const first = (pageNumber - 1) * CHOICE_PAGE_SIZE + 1;
  const range = pageNumber > 1 || more ? `${first} to ${first + count - 1}` : `${count}`;
  return `Organisations ${which}: ${range}${more ? ', more on the next page' : ''}.`;
}

/** An organisation's name, found by its id among those the person may list (undefined until known, or never). */
export function useOrganisationName(organisationId: string | undefined, enabled: boolean): string | undefined {
  const found = useOrganisations(CHOICE_PAGE_SIZE, undefined, enabled && organisationId !== undefined, organisationId);
  return found.data?.organisations.find((o) => o.id === organisationId)?.name;
}

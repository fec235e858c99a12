import { useState } from 'preact/hooks';

/** Keyset paging: the cursors of the pages seen, so "Previous page" goes back without asking the API for one. */
export function useCursors() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return {
    after: cursors.at(-1),
    pageNumber: cursors.length,
    next: (cursor: string) => setCursors([...cursors, cursor]),
    previous: () => setCursors(cursors.slice(0, -1)),
    /** Back to the first page: after a change that takes rows off the list. */
    reset: () => setCursors([undefined]),
  };
}

/** "Previous page" and "Next page", shown only when there is more than one page. */
export function Pager({
  label,
  cursors,
  next,
}: {
  /** What is paged, for the navigation's name: "Pages of LRS clients". */
  label: string;
  cursors: ReturnType<typeof useCursors>;
  next: string | null;
}) {
  if (cursors.pageNumber === 1 && !next) return null;
  return (
    <nav class="pager" aria-label={label}>
      <button
        type="button"
        class="button-secondary"
        disabled={cursors.pageNumber === 1}
        onClick={() => cursors.previous()}
      >
        Previous page
      </button>
      <button type="button" class="button-secondary" disabled={!next} onClick={() => next && cursors.next(next)}>
        Next page
      </button>
    </nav>
  );
}

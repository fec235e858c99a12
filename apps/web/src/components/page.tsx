import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** Headings shown since the document loaded: the first page of a load keeps the browser's own focus order. */
let headingsShown = 0;

/**
 * A page's heading. It sets the document title and, after a client-side navigation, takes focus, so a
 * screen reader announces where the navigation went (as a full page load would).
 */
export function PageHeading({ children, title }: { children: ComponentChildren; title: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Continuum`;
    if (headingsShown++ > 0) heading.current?.focus();
  }, [title]);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}

/**
 * A wide table that scrolls sideways on a phone; focusable so it can be scrolled by keyboard. Its name
 * says it is the table, to set it apart from the section around it that may carry the same words.
 */
export function ScrollTable({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={`${label} (table)`} tabIndex={0}>
      {children}
    </div>
  );
}

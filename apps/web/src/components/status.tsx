import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/client';

/** Any failure in words, announced to screen readers; never a blank page. */
export function ErrorMessage({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-title">{title}</p>
      <p>{describeError(error)}</p>
    </div>
  );
}

/** A problem the app itself found (not the API's), said in its own words. */
export function Problem({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-title">{title}</p>
      <p>{children}</p>
    </div>
  );
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return error.message;
    if (error.status === 403) return `${error.message}.`.replace(/\.\.$/, '.');
    if (error.status === 404) return `Not found: ${error.message}`;
    if (error.status >= 500) return `The server could not answer (${error.status}): ${error.message}`;
    return error.message;
  }
  if (error instanceof Error) return `The page failed: ${error.message}`;
  return 'The page failed for an unknown reason.';
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

/** Renders its children once `query` has data; a spinner while loading and the error in words otherwise. */
export function Loaded<T>({
  query,
  what,
  children,
}: {
  query: { data?: T; error: unknown; isPending: boolean };
  what: string;
  children: (data: T) => ComponentChildren;
}) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.error) return <ErrorMessage error={query.error} title={`Could not load ${what}`} />;
  return <Loading what={what} />;
}

export function Notice({ children }: { children: ComponentChildren }) {
  return (
    <div class="notice notice-success" role="status">
      {children}
    </div>
  );
}

import type { Reach } from '../access';
import { PageHeading } from '../components/page';

export function NotFoundView() {
  return (
    <>
      <PageHeading title="Page not found">Page not found</PageHeading>
      <p>
        There is no page at this address. <a href="/">Go to your start page</a>.
      </p>
    </>
  );
}

/** Signed in with a role that opens no view of the app (a platform admin works with the CLI and /api/admin). */
export function NothingYetView({ reach }: { reach: Reach }) {
  return (
    <>
      <PageHeading title="Welcome">Welcome</PageHeading>
      {reach.platformAdmin ? (
        <p>
          Platform administration (users, organisations, LRS clients, projections) is done with the command line (
          <code>npm run cli</code>) and <a href="/api/docs">/api/admin</a> with the admin token.
        </p>
      ) : (
        <p>
          Your account has no role that opens a view of the app yet. Ask your organisation's learning lead for access.
        </p>
      )}
    </>
  );
}

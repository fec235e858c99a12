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

/** Signed in with a role whose views are not in the app yet (an evaluator's trends come with their API). */
export function NothingYetView({ reach }: { reach: Reach }) {
  return (
    <>
      <PageHeading title="Welcome">Welcome</PageHeading>
      {reach.evaluator ? (
        <p>The evaluators' dashboard of year-on-year trends is not available yet: it arrives with the trends API.</p>
      ) : reach.platformAdmin ? (
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

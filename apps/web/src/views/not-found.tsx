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

/** Signed in with no role that opens a view of the app (evaluators and platform admins land on the trends). */
export function NothingYetView() {
  return (
    <>
      <PageHeading title="Welcome">Welcome</PageHeading>
      <p>
        Your account has no role that opens a view of the app yet. Ask your organisation's learning lead for access.
      </p>
    </>
  );
}

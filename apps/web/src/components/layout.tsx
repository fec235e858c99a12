import type { ComponentChildren } from 'preact';
import type { SignedInUser } from '../api/types';
import { signOut } from '../sign-out';
import { useLocation } from 'preact-iso/router';
import {
  actsForSeveralOrganisations,
  mayReadTrends,
  mustNameTrendsOrganisation,
  organisationInView,
  teamWorkerIds,
  type Reach,
} from '../access';

interface NavLink {
  href: string;
  label: string;
  /** Other paths under this link: a cycle's pages and the adoption dates belong to the self-audit. */
  covers?: string[];
  /** Current on its own path only: the organisations' list is not the parent of their pages in the menu. */
  exact?: boolean;
}

/** The pages of one organisation, for the person who acts for it (its learning lead, a platform admin). */
export const ORGANISATION_PAGES = [
  { page: 'audit', label: 'Self-audit' },
  { page: 'staff', label: 'Staff' },
  { page: 'workers-from-statements', label: 'Workers to review' },
  { page: 'roles', label: 'Job roles' },
  { page: 'lrs-clients', label: 'LRS clients' },
] as const;

function navLinks(reach: Reach, path: string, queried: string | undefined): NavLink[] {
  const links: NavLink[] = [];
  if (reach.ownWorkerId) links.push({ href: `/workers/${reach.ownWorkerId}`, label: 'My record' });
  if (teamWorkerIds(reach).length) links.push({ href: '/team', label: 'My team' });
  // Someone acting for several organisations chooses one (the address keeps it) and sees that one's pages.
  if (actsForSeveralOrganisations(reach)) links.push({ href: '/organisations', label: 'Organisations', exact: true });
  const organisationId = organisationInView(reach, path, queried);
  if (organisationId)
    for (const { page, label } of ORGANISATION_PAGES)
      links.push({
        href: `/organisations/${organisationId}/${page}`,
        label,
        // A cycle's pages and the adoption dates belong to the self-audit.
        covers:
          page === 'audit'
            ? [`/organisations/${organisationId}/audits/`, `/organisations/${organisationId}/adoption`]
            : undefined,
      });
  if (!mayReadTrends(reach)) return links;
  // The API asks a reader of several organisations' figures (and no national ones) to name the organisation.
  const whose = mustNameTrendsOrganisation(reach) && organisationId ? `?organisationId=${organisationId}` : '';
  links.push({ href: `/trends/adoption${whose}`, label: 'Trends', covers: ['/trends/'] });
  return links;
}

/** The frame of every page: skip link, banner with the person and sign-out, the role's navigation, main. */
export function Layout({
  user,
  reach,
  path,
  children,
}: {
  user: SignedInUser;
  reach: Reach;
  path: string;
  children: ComponentChildren;
}) {
  const { query } = useLocation();
  const links = navLinks(reach, path, query.organisationId);
  const isCurrent = ({ href, covers = [], exact }: NavLink) =>
    path === href ||
    (!exact &&
      (covers.some((prefix) => path.startsWith(prefix)) ||
        (path.startsWith(`${href}/`) &&
          !links.some((l) => l.href !== href && l.href.startsWith(href) && path.startsWith(l.href)))));
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to main content
      </a>
      <header class="banner">
        <div class="banner-inner">
          <a class="brand" href="/">
            Continuum
          </a>
          <nav aria-label="Main">
            <ul class="nav-list">
              {links.map((link) => (
                <li key={link.href}>
                  <a href={link.href} aria-current={isCurrent(link) ? 'page' : undefined}>
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div class="who">
            <span class="who-name">{user.displayName}</span>
            <button type="button" class="button-quiet" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" class="page" tabIndex={-1}>
        {children}
      </main>
      <footer class="footer">
        <p>
          Continuum · Scotland's Continuous Learning Framework · <a href="/api/docs">API documentation</a>
        </p>
      </footer>
    </>
  );
}

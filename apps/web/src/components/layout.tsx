import type { ComponentChildren } from 'preact';
import type { SignedInUser } from '../api/types';
import { signOut } from '../sign-out';
import { mayReadTrends, teamWorkerIds, type Reach } from '../access';

interface NavLink {
  href: string;
  label: string;
  /** Other paths under this link: a cycle's pages and the adoption dates belong to the self-audit. */
  covers?: string[];
}

function navLinks(reach: Reach): NavLink[] {
  const links: NavLink[] = [];
  if (reach.ownWorkerId) links.push({ href: `/workers/${reach.ownWorkerId}`, label: 'My record' });
  if (teamWorkerIds(reach).length) links.push({ href: '/team', label: 'My team' });
  // A lead of several organisations gets each one's links, named after it: same names, other places, would mislead.
  const several = reach.ledOrganisations.length > 1;
  const of = (label: string, organisationId: string) => (several ? `${label} (${organisationId})` : label);
  for (const organisationId of reach.ledOrganisations) {
    links.push({
      href: `/organisations/${organisationId}/audit`,
      label: of('Self-audit', organisationId),
      covers: [`/organisations/${organisationId}/audits/`, `/organisations/${organisationId}/adoption`],
    });
    links.push({ href: `/organisations/${organisationId}/staff`, label: of('Staff', organisationId) });
    links.push({ href: `/organisations/${organisationId}/roles`, label: of('Job roles', organisationId) });
    links.push({ href: `/organisations/${organisationId}/lrs-clients`, label: of('LRS clients', organisationId) });
  }
  if (!mayReadTrends(reach)) return links;
  // The API asks a reader of several organisations' figures (and no national ones) to name the organisation.
  if (several && !reach.evaluator && !reach.platformAdmin)
    for (const organisationId of reach.ledOrganisations)
      links.push({ href: `/trends/adoption?organisationId=${organisationId}`, label: of('Trends', organisationId) });
  else links.push({ href: '/trends/adoption', label: 'Trends', covers: ['/trends/'] });
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
  const links = navLinks(reach);
  const isCurrent = ({ href, covers = [] }: NavLink) =>
    path === href ||
    covers.some((prefix) => path.startsWith(prefix)) ||
    (path.startsWith(`${href}/`) &&
      !links.some((l) => l.href !== href && l.href.startsWith(href) && path.startsWith(l.href)));
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

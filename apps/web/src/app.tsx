import { QueryClient, QueryClientProvider } from '@tanstack/preact-query';
import { Component, type ComponentChildren } from 'preact';
import lazy from 'preact-iso/lazy';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso/router';
import { useEffect } from 'preact/hooks';
import { ApiError } from './api/client';
import { homePath, reachOf } from './access';
import { Layout } from './components/layout';
import { describeError } from './components/status';
import { useSession } from './session';
import { RecordEvidenceView } from './views/manager/record-evidence';
import { TeamView } from './views/manager/team';
import { NotFoundView, NothingYetView } from './views/not-found';
import { SignInView } from './views/sign-in';
import { CapabilityView } from './views/worker/capability';
import { ExportView } from './views/worker/export';
import { HistoryView } from './views/worker/history';
import { OverviewView } from './views/worker/overview';
import { RoleGapView } from './views/worker/role-gap';
import { SurveyView } from './views/worker/survey';
import { TimelineView } from './views/worker/timeline';

const leadViews = () => import('./views/lead/index');
const AuditView = lazy(() => leadViews().then((m) => m.AuditView));
const AuditCycleView = lazy(() => leadViews().then((m) => m.AuditCycleView));
const AuditCapabilityView = lazy(() => leadViews().then((m) => m.AuditCapabilityView));
const AdoptionView = lazy(() => leadViews().then((m) => m.AdoptionView));
const RolesView = lazy(() => leadViews().then((m) => m.RolesView));
const StaffView = lazy(() => leadViews().then((m) => m.StaffView));
const LrsClientsView = lazy(() => leadViews().then((m) => m.LrsClientsView));
const OrganisationsView = lazy(() => leadViews().then((m) => m.OrganisationsView));
const WorkersFromStatementsView = lazy(() => leadViews().then((m) => m.WorkersFromStatementsView));
const TrendsView = lazy(() => import('./views/evaluator/index').then((m) => m.TrendsView));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A refusal or a missing record will not change by asking again.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

/** Links the app routes itself; /api, /xapi and /health (the API documentation, say) load as pages. */
const APP_PATHS = /^\/(?!(api|xapi|health)(\/|$))/;

export function App() {
  return (
    <TopLevelErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <LocationProvider scope={APP_PATHS}>
          <Routes />
        </LocationProvider>
      </QueryClientProvider>
    </TopLevelErrorBoundary>
  );
}

function Routes() {
  const current = useSession();
  const location = useLocation();
  useEffect(() => {
    if (!current) queryClient.clear();
  }, [current]);
  if (!current) return <SignInView />;
  const reach = reachOf(current.user);
  return (
    <Layout user={current.user} reach={reach} path={location.path}>
      <Router>
        <Route path="/" component={() => <Redirect to={homePath(reach)} />} />
        <Route path="/sign-in" component={() => <Redirect to={homePath(reach)} />} />
        <Route path="/team" component={() => <TeamView reach={reach} />} />
        <Route
          path="/workers/:id"
          component={({ id }: { id: string }) => <OverviewView workerId={id} reach={reach} />}
        />
        <Route
          path="/workers/:id/capabilities/:capabilityId"
          component={({ id, capabilityId }: { id: string; capabilityId: string }) => (
            <CapabilityView workerId={id} capabilityId={capabilityId} reach={reach} />
          )}
        />
        <Route
          path="/workers/:id/timeline"
          component={({ id }: { id: string }) => <TimelineView workerId={id} reach={reach} />}
        />
        <Route
          path="/workers/:id/history"
          component={({ id }: { id: string }) => <HistoryView workerId={id} reach={reach} />}
        />
        <Route
          path="/workers/:id/role-gap"
          component={({ id }: { id: string }) => <RoleGapView workerId={id} reach={reach} />}
        />
        <Route
          path="/workers/:id/export"
          component={({ id }: { id: string }) => <ExportView workerId={id} reach={reach} />}
        />
        <Route
          path="/workers/:id/record"
          component={({ id }: { id: string }) => <RecordEvidenceView workerId={id} reach={reach} />}
        />
        <Route path="/organisations" component={OrganisationsView} />
        <Route
          path="/organisations/:organisationId/workers-from-statements"
          component={({ organisationId }: { organisationId: string }) => (
            <WorkersFromStatementsView organisationId={organisationId} />
          )}
        />
        <Route
          path="/organisations/:organisationId/roles"
          component={({ organisationId }: { organisationId: string }) => <RolesView organisationId={organisationId} />}
        />
        <Route
          path="/organisations/:organisationId/staff"
          component={({ organisationId }: { organisationId: string }) => <StaffView organisationId={organisationId} />}
        />
        <Route
          path="/organisations/:organisationId/lrs-clients"
          component={({ organisationId }: { organisationId: string }) => (
            <LrsClientsView organisationId={organisationId} />
          )}
        />
        <Route
          path="/organisations/:organisationId/audit"
          component={({ organisationId }: { organisationId: string }) => <AuditView organisationId={organisationId} />}
        />
        <Route
          path="/organisations/:organisationId/adoption"
          component={({ organisationId }: { organisationId: string }) => (
            <AdoptionView organisationId={organisationId} />
          )}
        />
        <Route
          path="/organisations/:organisationId/audits/:auditId"
          component={({ organisationId, auditId }: { organisationId: string; auditId: string }) => (
            <AuditCycleView organisationId={organisationId} auditId={auditId} />
          )}
        />
        <Route
          path="/organisations/:organisationId/audits/:auditId/capabilities/:capabilityId"
          component={({
            organisationId,
            auditId,
            capabilityId,
          }: {
            organisationId: string;
            auditId: string;
            capabilityId: string;
          }) => <AuditCapabilityView organisationId={organisationId} auditId={auditId} capabilityId={capabilityId} />}
        />
        <Route
          path="/organisations/:organisationId/audits/:auditId/survey"
          component={({ organisationId, auditId }: { organisationId: string; auditId: string }) => (
            <SurveyView organisationId={organisationId} auditId={auditId} reach={reach} />
          )}
        />
        <Route path="/trends" component={() => <Redirect to="/trends/adoption" />} />
        <Route
          path="/trends/:trend"
          component={({ trend }: { trend: string }) => <TrendsView trend={trend} reach={reach} />}
        />
        <Route path="/nothing-yet" component={NothingYetView} />
        <Route default component={NotFoundView} />
      </Router>
    </Layout>
  );
}

function Redirect({ to }: { to: string }) {
  const { route } = useLocation();
  useEffect(() => route(to, true), [to]);
  return null;
}

/** The last line of defence: a failure while drawing a page is shown in words with a way out. */
class TopLevelErrorBoundary extends Component<{ children: ComponentChildren }, { error: unknown }> {
  state = { error: undefined as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  render() {
    if (this.state.error === undefined) return this.props.children;
    return (
      <main id="main" class="page">
        <h1>This page could not be shown</h1>
        <p role="alert">{describeError(this.state.error)}</p>
        <p>
          <a href="/">Go to the start page</a> or reload the page.
        </p>
      </main>
    );
  }
}

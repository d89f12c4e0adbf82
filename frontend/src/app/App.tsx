import { Suspense, lazy, useEffect, type ReactNode } from 'react';
import { Routes, useLocation, useNavigate, type RouteDef } from './router';
import { Shell } from './Shell';
import { PageHeader } from '../ui/PageHeader';
import { Loading } from '../ui/Status';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { SignInPage } from '../features/account/SignInPage';
import { ViewerProvider, useViewer } from '../features/account/viewer';
import { Link } from './router';
import { homeFor } from './nav';
import { ProgrammesPage } from '../features/programmes/ProgrammesPage';
import { ProgrammePage } from '../features/programmes/ProgrammePage';
import { ProgrammeFormPage } from '../features/programmes/ProgrammeFormPage';
import { EventsPage } from '../features/events/EventsPage';
import { EventPage } from '../features/events/EventPage';
import { EditEventPage, NewEventPage } from '../features/events/EventFormPage';
import { OrganisationsPage } from '../features/organisations/OrganisationsPage';
import { OrganisationFormPage } from '../features/organisations/OrganisationFormPage';
import { PeoplePage } from '../features/people/PeoplePage';
import { PersonFormPage } from '../features/people/PersonFormPage';
import { ActionsPage } from '../features/actions/ActionsPage';
import { CommitmentsPage } from '../features/commitments/CommitmentsPage';
import { ActionPage } from '../features/actions/ActionPage';
import { CommitmentPage } from '../features/commitments/CommitmentPage';
import { NewCommitmentPage } from '../features/commitments/NewCommitmentPage';
import { AccountPage } from '../features/account/AccountPage';
import { MyInvitationsPage } from '../features/invitations/MyInvitationsPage';
import { MyUpcomingPage } from '../features/upcoming/MyUpcomingPage';
import { CheckInPage } from '../features/attendance/CheckInPage';
import { FundingPage } from '../features/funding/FundingPage';
import { EventRepresentationPage, RepresentationPage } from '../features/representation/RepresentationPage';
import { CalendarPage } from '../features/calendar/CalendarPage';
import { MinutesPage } from '../features/minutes/MinutesPage';
import { AuditLogPage } from '../features/audit/AuditLogPage';
import { StaffOnly } from '../ui/StaffOnly';

// The partnership map pulls in the network-drawing library: its own chunk.
const PartnershipPage = lazy(() => import('../features/partnership/PartnershipPage'));

// Keyed by id so moving between two pages of the same kind starts afresh.
export const ROUTES: RouteDef[] = [
  { path: '/', render: () => <HomeRedirect /> },
  { path: '/programmes', render: () => <ProgrammesPage /> },
  { path: '/programmes/new', render: () => <ProgrammeFormPage key="new" /> },
  { path: '/programmes/:id/edit', render: ({ id }) => <ProgrammeFormPage key={id} id={id!} /> },
  { path: '/programmes/:id', render: ({ id }) => <ProgrammePage key={id} id={id!} /> },
  { path: '/programmes/:id/calendar', render: ({ id }) => <CalendarPage key={id} id={id!} /> },
  { path: '/events', render: () => <EventsPage /> },
  { path: '/events/new', render: () => <NewEventPage /> },
  { path: '/events/:id', render: ({ id }) => <EventPage key={id} id={id!} /> },
  { path: '/events/:id/check-in', render: ({ id }) => <CheckInPage key={id} id={id!} /> },
  { path: '/events/:id/minutes', render: ({ id }) => <MinutesPage key={id} id={id!} /> },
  { path: '/events/:id/edit', render: ({ id }) => <EditEventPage key={id} id={id!} /> },
  { path: '/events/:id/representation', render: ({ id }) => <EventRepresentationPage key={id} id={id!} /> },
  { path: '/organisations', render: () => <OrganisationsPage /> },
  { path: '/organisations/new', render: () => <OrganisationFormPage key="new" /> },
  { path: '/organisations/:id/edit', render: ({ id }) => <OrganisationFormPage key={id} id={id!} /> },
  { path: '/people', render: () => <PeoplePage /> },
  { path: '/people/new', render: () => <PersonFormPage key="new" /> },
  { path: '/people/:id/edit', render: ({ id }) => <PersonFormPage key={id} id={id!} /> },
  { path: '/actions', render: () => <ActionsPage /> },
  { path: '/actions/:id', render: ({ id }) => <ActionPage key={id} id={id!} /> },
  {
    path: '/commitments',
    render: () => (
      <StaffOnly title="Commitments">
        <CommitmentsPage />
      </StaffOnly>
    ),
  },
  {
    path: '/commitments/new',
    render: () => (
      <StaffOnly title="New commitment">
        <NewCommitmentPage />
      </StaffOnly>
    ),
  },
  {
    path: '/commitments/:id',
    render: ({ id }) => (
      <StaffOnly title="Commitment">
        <CommitmentPage key={id} id={id!} />
      </StaffOnly>
    ),
  },
  { path: '/funding', render: () => <FundingPage /> },
  { path: '/representation', render: () => <RepresentationPage /> },
  {
    path: '/partnerships',
    render: () => (
      <Suspense fallback={<Loading label="Loading the partnership map…" />}>
        <PartnershipPage />
      </Suspense>
    ),
  },
  { path: '/invitations', render: () => <MyInvitationsPage /> },
  { path: '/upcoming', render: () => <MyUpcomingPage /> },
  { path: '/account', render: () => <AccountPage /> },
  { path: '/audit', render: () => <AuditLogPage /> },
];

export function App() {
  return (
    <ViewerProvider>
      <Shell>
        <Gate>
          <ScreenBoundary>
            <Routes routes={ROUTES} fallback={<NotFoundPage />} />
          </ScreenBoundary>
        </Gate>
      </Shell>
    </ViewerProvider>
  );
}

/** Signed-out people see the sign-in page wherever they arrive. */
function Gate({ children }: { children: ReactNode }) {
  const state = useViewer();
  if (state.status === 'loading') return <Loading label="Checking who you are…" />;
  if (state.status === 'signed-out') return <SignInPage />;
  return <>{children}</>;
}

function ScreenBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return <ErrorBoundary resetKey={pathname}>{children}</ErrorBoundary>;
}

/** "/" leads staff to the programmes and everyone else to their own dates. */
function HomeRedirect() {
  return <Redirect to={homeFor(useViewer())} />;
}

function Redirect({ to }: { to: string }) {
  const navigate = useNavigate();
  useEffect(() => navigate(to, { replace: true }), [navigate, to]);
  return null;
}

function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <p>There is no page at this address. If you typed it, check it; if you followed a link, it may be out of date.</p>
      <p>
        <Link to="/programmes">Go to the programmes</Link>
      </p>
    </>
  );
}

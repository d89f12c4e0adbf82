// Screens for organisers and consultants (funding, actions, commitments,
// representation, partnerships). The server's privacy rules decide what
// anyone can read; a member who opens one of these screens by its address
// would only get empty lists or a false "funding cliff", so they are told
// plainly what the screen is for instead.
import type { ReactNode } from 'react';
import { useViewer } from '../features/account/viewer';
import { isStaff } from '../app/nav';
import { Link } from '../app/router';
import { PageHeader } from './PageHeader';

/** Whether the viewer is an admin, organiser or consultant (true while it cannot be told). */
export function useIsStaff(): boolean {
  return isStaff(useViewer());
}

/** The honest "not for you" state, with the page's own title. */
export function StaffOnlyNotice({ title, what = 'These screens are for organisers and consultants.' }: { title: string; what?: string }) {
  return (
    <>
      <PageHeader title={title} />
      <div className="empty-state" data-testid="staff-only">
        <p className="empty-state__title">{what}</p>
        <div className="empty-state__body">
          <p>Your account takes part in forums and events, so there is nothing for you to see here. If you think you should have access, ask the programme’s organiser.</p>
          <p>
            <Link to="/upcoming">Go to your upcoming dates</Link> or <Link to="/invitations">your invitations</Link>.
          </p>
        </div>
      </div>
    </>
  );
}

/**
 * Renders children for staff, and the notice for everyone else. Wrap the
 * whole screen so its queries are not even sent for members.
 */
export function StaffOnly({ title, what, children }: { title: string; what?: string; children: ReactNode }) {
  const staff = useIsStaff();
  return staff ? <>{children}</> : <StaffOnlyNotice title={title} what={what} />;
}

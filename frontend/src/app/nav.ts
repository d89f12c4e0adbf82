// What the main navigation offers whom. The server's privacy rules decide
// what anyone can see; this only keeps people who take part in forums
// (members) from a menu of partnership-management screens that would be
// empty for them.
import type { ViewerState } from '../features/account/viewer';

export interface NavItem {
  to: string;
  label: string;
  /** Only for site admins, organisers and consultants. */
  staff?: boolean;
}

export const NAV: NavItem[] = [
  { to: '/programmes', label: 'Programmes' },
  { to: '/events', label: 'Events' },
  { to: '/organisations', label: 'Organisations', staff: true },
  { to: '/people', label: 'People', staff: true },
  { to: '/actions', label: 'Actions' },
  { to: '/commitments', label: 'Commitments', staff: true },
  { to: '/funding', label: 'Funding', staff: true },
  { to: '/representation', label: 'Representation', staff: true },
  { to: '/partnerships', label: 'Partnerships', staff: true },
  { to: '/audit', label: 'Audit log', staff: true },
];

/** Admins, and organisers or consultants of any programme. */
export function isStaff(state: ViewerState): boolean {
  if (state.status !== 'signed-in') return state.status === 'unknown';
  const v = state.viewer;
  return v.isAdmin || v.roles.some((r) => r.role === 'ORGANISER' || r.role === 'CONSULTANT');
}

export function navFor(state: ViewerState): NavItem[] {
  const staff = isStaff(state);
  return NAV.filter((item) => staff || !item.staff);
}

/** Where "/" leads: staff to the programmes, everyone else to their own dates. */
export function homeFor(state: ViewerState): string {
  return isStaff(state) ? '/programmes' : '/upcoming';
}

import { useViewer } from '../account/viewer';

/** Organisers and consultants of the programme write minutes (the server decides; this only hides the link). */
export function useCanMinute(programmeId: string): boolean {
  const state = useViewer();
  if (state.status !== 'signed-in') return state.status === 'unknown';
  const v = state.viewer;
  return v.isAdmin || v.roles.some((r) => (r.role === 'ORGANISER' || r.role === 'CONSULTANT') && r.programme.id === programmeId);
}

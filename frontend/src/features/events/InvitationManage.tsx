// An organiser's controls on one invitation row: record the reply someone
// gave by phone or in person (people without an email address have no
// link to answer with), or withdraw the invitation. The server decides
// who may; the event page shows these to the programme's organisers.
import { useId, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../graphql/gen';
import type { RsvpResponse } from '../../graphql/gen/graphql';
import { describeError, problemText } from '../../graphql/errors';

const RecordReplyMutation = graphql(`
  mutation RecordReply($id: ID!, $response: RSVPResponse!) {
    respondToInvitation(id: $id, response: $response) {
      id
      response
      respondedAt
      waitlistPosition
    }
  }
`);

const WithdrawInvitationMutation = graphql(`
  mutation WithdrawInvitation($id: ID!) {
    withdrawInvitation(id: $id) {
      id
    }
  }
`);

const REPLIES: { value: RsvpResponse; label: string }[] = [
  { value: 'ACCEPTED', label: 'Accepted' },
  { value: 'TENTATIVE', label: 'Maybe' },
  { value: 'DECLINED', label: 'Declined' },
];

export function InvitationManage({ invitationId, personName, onChanged }: { invitationId: string; personName: string; onChanged: () => void }) {
  const id = useId();
  const [reply, setReply] = useState<RsvpResponse | ''>('');
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [recordState, record] = useMutation(RecordReplyMutation);
  const [withdrawState, withdraw] = useMutation(WithdrawInvitationMutation);
  const busy = recordState.fetching || withdrawState.fetching;

  async function onRecord() {
    if (!reply || busy) return;
    const r = await record({ id: invitationId, response: reply });
    const failure = describeError(r.error);
    if (failure) return setProblem(problemText(failure));
    setProblem(null);
    setReply('');
    onChanged();
  }

  async function onWithdraw() {
    if (busy) return;
    const r = await withdraw({ id: invitationId });
    const failure = describeError(r.error);
    if (failure) return setProblem(problemText(failure));
    setProblem(null);
    setConfirming(false);
    onChanged();
  }

  return (
    <details className="invitation-manage" aria-busy={busy}>
      <summary aria-label={`Manage ${personName}’s invitation`}>Manage</summary>
      <label className="visually-hidden" htmlFor={`${id}-reply`}>
        Record {personName}’s reply
      </label>
      <select id={`${id}-reply`} className="input" value={reply} onChange={(e) => setReply(e.target.value as RsvpResponse | '')}>
        <option value="">Record a reply…</option>
        {REPLIES.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>{' '}
      <button type="button" className="button button--secondary" onClick={onRecord} disabled={!reply || busy} aria-label={`Save ${personName}’s reply`}>
        Save
      </button>{' '}
      {confirming ? (
        <span role="group" aria-label={`Withdraw ${personName}’s invitation?`}>
          <button type="button" className="button" onClick={onWithdraw} disabled={busy} aria-label={`Yes, withdraw ${personName}’s invitation`}>
            Yes, withdraw
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </span>
      ) : (
        <button type="button" className="button button--secondary" onClick={() => setConfirming(true)} aria-label={`Withdraw ${personName}’s invitation`}>
          Withdraw
        </button>
      )}
      {problem && (
        <p className="field__error" role="alert">
          {problem}
        </p>
      )}
    </details>
  );
}

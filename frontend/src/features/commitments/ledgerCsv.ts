// The ledger's filters as a query string for the server's CSV export.

/** The ledger's filters as the query string of /export/commitments.csv. */
export function ledgerCsvQuery(f: { programme: string; kind: string | null; status: string | null }): string {
  const q = new URLSearchParams();
  if (f.programme) q.set('programme', f.programme);
  if (f.kind) q.set('kind', f.kind);
  if (f.status) q.set('status', f.status);
  const s = q.toString();
  return s ? `?${s}` : '';
}

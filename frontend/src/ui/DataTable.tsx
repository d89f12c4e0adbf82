import type { ReactNode } from 'react';

export interface Column<T> {
  /** Column heading (also the label shown beside each value on small screens). */
  header: string;
  cell: (row: T) => ReactNode;
  /** Extra class for both th and td, e.g. "num" for right-aligned numbers. */
  className?: string;
}

interface Props<T> {
  caption: string;
  /** Show the caption, or keep it for assistive technology only. */
  captionVisible?: boolean;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
}

/**
 * A data table. On narrow screens each row becomes a card with labelled
 * values; explicit ARIA roles keep the table semantics when CSS changes
 * the display of the table elements.
 */
export function DataTable<T>({ caption, captionVisible = false, columns, rows, rowKey, rowClassName }: Props<T>) {
  return (
    <table className="data-table" role="table">
      <caption className={captionVisible ? undefined : 'visually-hidden'}>{caption}</caption>
      <thead role="rowgroup">
        <tr role="row">
          {columns.map((c) => (
            <th key={c.header} scope="col" role="columnheader" className={c.className}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup">
        {rows.map((row) => (
          <tr key={rowKey(row)} role="row" className={rowClassName?.(row)}>
            {columns.map((c) => (
              <td key={c.header} role="cell" data-label={c.header} className={c.className}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

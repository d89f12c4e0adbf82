import { useEffect, type ReactNode } from 'react';

export const PAGE_HEADING_ID = 'page-heading';

/** Sets the document title ("Events – Convene"). */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} – Convene` : 'Convene';
  }, [title]);
}

interface Props {
  title: string;
  /** Small line above the title, e.g. the parent programme. */
  eyebrow?: ReactNode;
  /** Buttons or links on the right (below on small screens). */
  actions?: ReactNode;
  children?: ReactNode;
}

/** The page's one h1; focus lands here after navigation. */
export function PageHeader({ title, eyebrow, actions, children }: Props) {
  useDocumentTitle(title);
  return (
    <header className="page-header">
      <div className="page-header__text">
        {eyebrow && <p className="page-header__eyebrow">{eyebrow}</p>}
        <h1 id={PAGE_HEADING_ID} tabIndex={-1}>
          {title}
        </h1>
        {children}
      </div>
      {actions && <div className="page-header__actions">{actions}</div>}
    </header>
  );
}

import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/** The page's one h1, also used as the tab title. */
export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {description ? <p className="page-description">{description}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}

/** The way back above a page's header: the area the page belongs to, then any steps between (children). */
export function Breadcrumb({ to, label, children }: { to: string; label: string; children?: ReactNode }) {
  return (
    <p className="breadcrumb">
      <Link to={to}>{label}</Link>
      {children}
    </p>
  );
}

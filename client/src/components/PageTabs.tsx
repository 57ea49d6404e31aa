import { Link } from 'react-router-dom';

export interface PageTab<K extends string> {
  key: K;
  label: string;
  /** e.g. a count shown after the label. */
  extra?: string;
}

/** In-page sections as links (?tab=…), so each has its own address and the back button works. */
export function PageTabs<K extends string>({
  label,
  tabs,
  current,
  param = 'tab',
}: {
  label: string;
  tabs: readonly PageTab<K>[];
  current: K;
  param?: string;
}) {
  return (
    <nav className="tabs" aria-label={label}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.key}>
            <Link to={`?${param}=${tab.key}`} aria-current={current === tab.key ? 'page' : undefined} replace>
              {tab.label}
              {tab.extra ? <span className="tab-extra"> {tab.extra}</span> : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

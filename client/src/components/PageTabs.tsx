import { Link } from 'react-router-dom';

export interface PageTab<K extends string> {
  key: K;
  label: string;
  /** e.g. a count shown after the label. */
  extra?: string;
  /**
   * Starts loading what the tab shows (its script) as soon as the reader points at the tab, touches it or moves the
   * focus to it, so it is usually in by the time the tab opens.
   */
  prepare?: () => void;
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
            <Link
              to={`?${param}=${tab.key}`}
              aria-current={current === tab.key ? 'page' : undefined}
              replace
              onPointerEnter={tab.prepare}
              onFocus={tab.prepare}
            >
              {tab.label}
              {tab.extra ? <span className="tab-extra"> {tab.extra}</span> : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

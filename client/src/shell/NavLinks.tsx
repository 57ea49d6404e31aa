import { NavLink } from 'react-router-dom';
import { useCurrentUser } from '../auth/AuthContext';
import { useDynamicTranslate } from '../lib/useDynamicTranslate';
import { navigationFor, type NavItem } from './navigation';

/** The items of a navigation that the user's role sees, one list item each; NavLink marks the current one. */
export function NavLinks<Key extends string>({ items }: { items: readonly NavItem<Key>[] }) {
  const user = useCurrentUser();
  // The keys are checked where the items are listed (NavItem's labelKey).
  const tr = useDynamicTranslate();
  return (
    <>
      {navigationFor(user.role, items, user.translator).map((item) => (
        <li key={item.path}>
          <NavLink to={item.path} end={item.end}>
            {tr(item.labelKey)}
          </NavLink>
        </li>
      ))}
    </>
  );
}

/** The tabs between the sections of an area (indicators, admin): a named navigation of NavLinks. */
export function SectionNav<Key extends string>({ label, items }: { label: string; items: readonly NavItem<Key>[] }) {
  return (
    <nav className="tabs" aria-label={label}>
      <ul>
        <NavLinks items={items} />
      </ul>
    </nav>
  );
}

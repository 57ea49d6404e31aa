import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useAuth, useCurrentUser } from '../auth/AuthContext';
import { usePopover } from '../lib/usePopover';
import { OrganizationItems, SummaryItem, SummaryList } from '../components/SummaryList';

/** The signed-in user's name; opens their role, organization and sign-out. */
export function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { signOut } = useAuth();
  const panelId = useId();
  const location = useLocation();
  const { open, setOpen, root, button } = usePopover(location.pathname);

  const initials = user.displayName
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0].toUpperCase())
    .join('');

  return (
    <div className="user-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('userMenu.open', { name: user.displayName })}
        onClick={() => setOpen((o) => !o)}
      >
        {/* Initials drawn by CSS, so the button's visible text is the name its label contains. */}
        <span className="avatar" data-initials={initials} aria-hidden="true" />
        <span className="user-menu-name">{user.displayName}</span>
        <span className="chevron" aria-hidden="true" />
      </button>
      <div id={panelId} className="user-menu-panel" hidden={!open}>
        <p className="user-menu-heading">{user.displayName}</p>
        {user.email ? <p className="muted small">{user.email}</p> : null}
        <SummaryList className="summary-list summary-list--compact">
          <SummaryItem term={t('userMenu.role')}>{t(`role.${user.role}`)}</SummaryItem>
          <OrganizationItems organization={user.organization} labels={{ organization: t('userMenu.organization'), constituency: t('userMenu.constituency') }} />
        </SummaryList>
        <p>
          <Link to="/settings/profile" onClick={() => setOpen(false)}>
            {t('userMenu.profile')}
          </Link>
        </p>
        <button type="button" className="button button--secondary button--wide" onClick={() => void signOut()}>
          {t('userMenu.signOut')}
        </button>
      </div>
    </div>
  );
}

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { CONSTITUENCIES, PARK_LEVELS, ROLES, type Constituency, type Organization, type ParkLevel, type Role } from '../api/types';
import { ConstituencyBadge, RoleBadge } from '../components/Badges';
import { EmptyState, LoadError, Loading } from '../components/Feedback';
import { SelectField, TextField } from '../components/Field';
import { LocalizedName } from '../components/LocalizedName';
import { PageHeader } from '../components/PageHeader';
import { useDebounced } from '../lib/useDebounced';
import { useOrganizations } from '../lib/useOrganizations';
import { useResource } from '../lib/useResource';

const VIEWS = ['organizations', 'parks', 'people'] as const;
type View = (typeof VIEWS)[number];

export default function DirectoryPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const view: View = (VIEWS as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as View) : 'organizations';
  return (
    <>
      <PageHeader title={t('directory.title')} description={t('directory.intro')} />
      <nav className="tabs" aria-label={t('directory.sections')}>
        <ul>
          {VIEWS.map((v) => (
            <li key={v}>
              <Link to={`?view=${v}`} aria-current={view === v ? 'page' : undefined}>
                {t(`directory.view.${v}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {view === 'organizations' ? <OrganizationsView /> : view === 'parks' ? <ParksView /> : <PeopleView />}
    </>
  );
}

function OrganizationsView() {
  const { t } = useTranslation();
  const [constituency, setConstituency] = useState<Constituency | ''>('');
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim());
  const organizations = useResource(
    () => api.organizations.list({ constituency: constituency || undefined, q: query || undefined }).then((r) => r.items),
    [constituency, query],
  );
  const groups = useMemo(() => {
    const byConstituency = new Map<Constituency, Organization[]>();
    for (const org of organizations.data ?? []) {
      byConstituency.set(org.constituency, [...(byConstituency.get(org.constituency) ?? []), org]);
    }
    return CONSTITUENCIES.filter((c) => byConstituency.has(c)).map((c) => ({ constituency: c, items: byConstituency.get(c)! }));
  }, [organizations.data]);

  return (
    <section aria-labelledby="directory-orgs">
      <h2 id="directory-orgs" className="visually-hidden">
        {t('directory.view.organizations')}
      </h2>
      <form className="filters" role="search" aria-label={t('directory.filterOrganizations')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('directory.constituency')}
          value={constituency}
          onChange={(v) => setConstituency(v as Constituency | '')}
          emptyLabel={t('common.all')}
          options={CONSTITUENCIES.map((c) => ({ value: c, label: t(`constituency.${c}`) }))}
        />
        <TextField label={t('common.search')} type="search" value={q} onChange={setQ} />
      </form>
      {organizations.error ? (
        <LoadError error={organizations.error} onRetry={organizations.reload} />
      ) : organizations.loading && !organizations.data ? (
        <Loading />
      ) : groups.length === 0 ? (
        <EmptyState>{t('directory.noOrganizations')}</EmptyState>
      ) : (
        groups.map((group) => (
          <section key={group.constituency} className="constituency-group" aria-labelledby={`group-${group.constituency}`}>
            <h3 id={`group-${group.constituency}`} className={`group-heading constituency--${group.constituency}`}>
              <span className="swatch" aria-hidden="true" />
              {t(`constituency.${group.constituency}`)}
              <span className="count">{t('directory.orgCount', { count: group.items.length })}</span>
            </h3>
            <ul className="org-cards">
              {group.items.map((org) => (
                <li key={org.id} className={`org-card constituency--${org.constituency}`}>
                  <span className="org-card-name">
                    <LocalizedName value={org.name} />
                  </span>
                  {org.region ? <span className="muted small">{org.region}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </section>
  );
}

function ParksView() {
  const { t } = useTranslation();
  const [city, setCity] = useState('');
  const [level, setLevel] = useState<ParkLevel | ''>('');
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim());
  // The city list comes from every park, so choosing a city never empties the choice.
  const allParks = useResource(() => api.parks.list().then((r) => r.items), []);
  const cities = useMemo(() => [...new Set((allParks.data ?? []).map((p) => p.city))].sort(), [allParks.data]);
  const parks = useResource(
    () => api.parks.list({ city: city || undefined, level: level || undefined, q: query || undefined }).then((r) => r.items),
    [city, level, query],
  );
  return (
    <section aria-labelledby="directory-parks">
      <h2 id="directory-parks" className="visually-hidden">
        {t('directory.view.parks')}
      </h2>
      <form className="filters" role="search" aria-label={t('directory.filterParks')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('parks.city')}
          value={city}
          onChange={setCity}
          emptyLabel={t('common.all')}
          options={cities.map((c) => ({ value: c, label: c }))}
        />
        <SelectField
          label={t('parks.level')}
          value={level}
          onChange={(v) => setLevel(v as ParkLevel | '')}
          emptyLabel={t('common.all')}
          options={PARK_LEVELS.map((l) => ({ value: l, label: t(`parkLevel.${l}`) }))}
        />
        <TextField label={t('common.search')} type="search" value={q} onChange={setQ} />
      </form>
      {parks.error ? (
        <LoadError error={parks.error} onRetry={parks.reload} />
      ) : parks.loading && !parks.data ? (
        <Loading />
      ) : !parks.data?.length ? (
        <EmptyState>{t('directory.noParks')}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('directory.view.parks')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('parks.name')}</th>
                <th scope="col">{t('parks.city')}</th>
                <th scope="col">{t('parks.province')}</th>
                <th scope="col">{t('parks.level')}</th>
                <th scope="col">{t('parks.organization')}</th>
              </tr>
            </thead>
            <tbody>
              {parks.data.map((park) => (
                <tr key={park.id}>
                  <th scope="row" data-label={t('parks.name')}>
                    <Link to={`/parks/${park.id}`}>
                      <LocalizedName value={park.name} />
                    </Link>
                  </th>
                  <td data-label={t('parks.city')}>{park.city}</td>
                  <td data-label={t('parks.province')}>{park.province}</td>
                  <td data-label={t('parks.level')}>{t(`parkLevel.${park.level}`)}</td>
                  <td data-label={t('parks.organization')}>
                    {park.organization ? <LocalizedName value={park.organization.name} /> : <span className="muted">{t('common.none')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function PeopleView() {
  const { t } = useTranslation();
  const [organizationId, setOrganizationId] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim());
  const organizations = useOrganizations();
  const users = useResource(
    () =>
      api.users
        .list({ organizationId: organizationId || undefined, role: role || undefined, q: query || undefined, active: true })
        .then((r) => r.items),
    [organizationId, role, query],
  );
  return (
    <section aria-labelledby="directory-people">
      <h2 id="directory-people" className="visually-hidden">
        {t('directory.view.people')}
      </h2>
      <form className="filters" role="search" aria-label={t('directory.filterPeople')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('users.organization')}
          value={organizationId}
          onChange={setOrganizationId}
          emptyLabel={t('common.all')}
          options={organizations.options}
        />
        <SelectField
          label={t('users.role')}
          value={role}
          onChange={(v) => setRole(v as Role | '')}
          emptyLabel={t('common.all')}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        <TextField label={t('common.search')} type="search" value={q} onChange={setQ} />
      </form>
      {users.error ? (
        <LoadError error={users.error} onRetry={users.reload} />
      ) : users.loading && !users.data ? (
        <Loading />
      ) : !users.data?.length ? (
        <EmptyState>{t('directory.noPeople')}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('directory.view.people')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.organization')}</th>
                <th scope="col">{t('users.constituency')}</th>
                <th scope="col">{t('users.role')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <tr key={user.id}>
                  <th scope="row" data-label={t('users.name')}>
                    {user.displayName}
                    {user.email ? <span className="muted small block">{user.email}</span> : null}
                  </th>
                  <td data-label={t('users.organization')}>
                    <LocalizedName value={user.organization.name} />
                  </td>
                  <td data-label={t('users.constituency')}>
                    <ConstituencyBadge constituency={user.organization.constituency} />
                  </td>
                  <td data-label={t('users.role')}>
                    <RoleBadge role={user.role} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

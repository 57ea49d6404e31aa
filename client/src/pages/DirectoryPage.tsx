import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { CONSTITUENCIES, type Constituency, type Organization, type ParkLevel, type Role } from '../api/types';
import { ConstituencyBadge, RoleBadge } from '../components/Badges';
import { ResourceContent, ResourceTable } from '../components/DataTable';

import { FilterBar, FilterSelect, SearchField } from '../components/Filters';
import { LocalizedName } from '../components/LocalizedName';
import { PageHeader } from '../components/PageHeader';
import { useParkColumns } from '../components/ParkColumns';
import { PersonName } from '../components/PersonName';
import { StartConversationButton } from '../discussion/StartConversationButton';
import { useConstituencyOptions, useParkLevelOptions, useRoleOptions } from '../lib/options';
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
  const constituencyOptions = useConstituencyOptions();
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
      <FilterBar label={t('directory.filterOrganizations')}>
        <FilterSelect label={t('directory.constituency')} value={constituency} onChange={setConstituency} options={constituencyOptions} />
        <SearchField value={q} onChange={setQ} />
      </FilterBar>
      <ResourceContent resource={organizations} empty={t('directory.noOrganizations')}>
        {() =>
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
        }
      </ResourceContent>
    </section>
  );
}

function ParksView() {
  const { t } = useTranslation();
  const levelOptions = useParkLevelOptions();
  const columns = useParkColumns((park, name) => <Link to={`/parks/${park.id}`}>{name}</Link>);
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
      <FilterBar label={t('directory.filterParks')}>
        <FilterSelect label={t('parks.city')} value={city} onChange={setCity} options={cities.map((c) => ({ value: c, label: c }))} />
        <FilterSelect label={t('parks.level')} value={level} onChange={setLevel} options={levelOptions} />
        <SearchField value={q} onChange={setQ} />
      </FilterBar>
      <ResourceTable resource={parks} empty={t('directory.noParks')} caption={t('directory.view.parks')} columns={columns} />
    </section>
  );
}

function PeopleView() {
  const { t } = useTranslation();
  const roleOptions = useRoleOptions();
  const [organizationId, setOrganizationId] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim());
  const organizations = useOrganizations();
  const users = useResource(
    () => api.users.list({ organizationId: organizationId || undefined, role: role || undefined, q: query || undefined, active: true }).then((r) => r.items),
    [organizationId, role, query],
  );
  return (
    <section aria-labelledby="directory-people">
      <h2 id="directory-people" className="visually-hidden">
        {t('directory.view.people')}
      </h2>
      <FilterBar label={t('directory.filterPeople')}>
        <FilterSelect label={t('users.organization')} value={organizationId} onChange={setOrganizationId} options={organizations.options} />
        <FilterSelect label={t('users.role')} value={role} onChange={setRole} options={roleOptions} />
        <SearchField value={q} onChange={setQ} />
      </FilterBar>
      <ResourceTable
        resource={users}
        empty={t('directory.noPeople')}
        caption={t('directory.view.people')}
        columns={[
          { header: t('users.name'), cell: (user) => <PersonName user={user} /> },
          { header: t('users.organization'), cell: (user) => <LocalizedName value={user.organization.name} /> },
          { header: t('users.constituency'), cell: (user) => <ConstituencyBadge constituency={user.organization.constituency} /> },
          { header: t('users.role'), cell: (user) => <RoleBadge role={user.role} /> },
          { header: t('directory.sendMessage'), cell: (user) => <StartConversationButton person={user} /> },
        ]}
      />
    </section>
  );
}

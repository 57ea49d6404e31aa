import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { queryPrepared } from '../database/prepared';
import type { Tx } from '../database/unit-of-work';
import type { Constituency } from '../organizations/entities/organization.entity';
import type { Sex } from '../shared/enums';
import { RoundtableParticipant, type RoundtableRole } from './entities/roundtable-participant.entity';
import type { ParticipantWithPerson } from './views';

const ROLE_ORDER = `CASE p.role WHEN 'facilitator' THEN 0 WHEN 'participant' THEN 1 ELSE 2 END`;

/** People counted for the balance, grouped: how many of a role, attendance and constituency at one roundtable. */
export interface CountedPeopleRow {
  roundtableId: string;
  role: RoundtableRole;
  attended: boolean | null;
  constituency: Constituency;
  sex: Sex | null;
  n: number;
}

/**
 * Who takes part in which roundtable. A participant is read with their user and organization
 * (RoundtableParticipant.user), the relation the entity declares, so that lists and the balance stay one query.
 */
@Injectable()
export class ParticipantsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(roundtableId: string, userId: string, tx: Tx = this.dataSource.manager): Promise<RoundtableParticipant | null> {
    return tx.findOneBy(RoundtableParticipant, { roundtableId, userId });
  }

  async exists(roundtableId: string, userId: string, tx: Tx = this.dataSource.manager): Promise<boolean> {
    return tx.existsBy(RoundtableParticipant, { roundtableId, userId });
  }

  /** The user's participations in any of the roundtables. */
  async findOfUser(userId: string, roundtableIds: string[]): Promise<RoundtableParticipant[]> {
    if (!roundtableIds.length) return [];
    return this.dataSource.manager.findBy(RoundtableParticipant, { userId, roundtableId: In(roundtableIds) });
  }

  /** Those of the users who already take part in the roundtable. */
  async userIdsAmong(roundtableId: string, userIds: string[], tx: Tx = this.dataSource.manager): Promise<string[]> {
    if (!userIds.length) return [];
    return (await tx.findBy(RoundtableParticipant, { roundtableId, userId: In(userIds) })).map((p) => p.userId);
  }

  /** Each roundtable's participants counted by role, attendance and constituency, in one query. */
  async countPeople(roundtableIds: string[]): Promise<CountedPeopleRow[]> {
    if (!roundtableIds.length) return [];
    // Every roundtable page and list: one prepared statement.
    return queryPrepared<CountedPeopleRow>(
      this.dataSource,
      'roundtable_counted_people',
      `SELECT p.roundtable_id AS "roundtableId", p.role, p.attended, o.constituency, u.sex, count(*)::int AS n
         FROM roundtable_participants p
         JOIN users u ON u.id = p.user_id
         JOIN organizations o ON o.id = u.organization_id
        WHERE p.roundtable_id = ANY($1::uuid[])
        GROUP BY p.roundtable_id, p.role, p.attended, o.constituency, u.sex`,
      [roundtableIds],
    );
  }

  /**
   * The constituency of a person who may vote at the roundtable now (recorded present, taking part as participant or
   * facilitator), or null. Read at every ballot: one query.
   */
  async attendingVoter(roundtableId: string, userId: string, tx: Tx = this.dataSource.manager): Promise<Constituency | null> {
    const row = await tx
      .createQueryBuilder(RoundtableParticipant, 'p')
      .innerJoin('p.user', 'u')
      .innerJoin('u.organization', 'o')
      .select('o.constituency', 'constituency')
      .where('p.roundtable_id = :roundtableId AND p.user_id = :userId', { roundtableId, userId })
      .andWhere("p.attended = true AND p.role IN ('participant', 'facilitator') AND u.active = true")
      .getRawOne<{ constituency: Constituency }>();
    return row?.constituency ?? null;
  }

  /** Everyone who may vote at the roundtable now (as attendingVoter), with their constituency. */
  async attendingVoters(roundtableId: string): Promise<{ userId: string; constituency: Constituency }[]> {
    return this.dataSource.manager
      .createQueryBuilder(RoundtableParticipant, 'p')
      .innerJoin('p.user', 'u')
      .innerJoin('u.organization', 'o')
      .select('p.user_id', 'userId')
      .addSelect('o.constituency', 'constituency')
      .where('p.roundtable_id = :roundtableId', { roundtableId })
      .andWhere("p.attended = true AND p.role IN ('participant', 'facilitator') AND u.active = true")
      .getRawMany<{ userId: string; constituency: Constituency }>();
  }

  /** The constituency of an active person taking part as participant or facilitator (who may ask for the floor), or null. */
  async speakerConstituency(roundtableId: string, userId: string, tx: Tx = this.dataSource.manager): Promise<Constituency | null> {
    const row = await tx
      .createQueryBuilder(RoundtableParticipant, 'p')
      .innerJoin('p.user', 'u')
      .innerJoin('u.organization', 'o')
      .select('o.constituency', 'constituency')
      .where('p.roundtable_id = :roundtableId AND p.user_id = :userId', { roundtableId, userId })
      .andWhere("p.role IN ('participant', 'facilitator') AND u.active = true AND p.attended IS DISTINCT FROM false")
      .getRawOne<{ constituency: Constituency }>();
    return row?.constituency ?? null;
  }

  /** Those who may vote at the roundtable now, counted per constituency. */
  async countAttendingVoters(roundtableId: string, tx: Tx = this.dataSource.manager): Promise<{ constituency: Constituency; n: number }[]> {
    return tx
      .createQueryBuilder(RoundtableParticipant, 'p')
      .innerJoin('p.user', 'u')
      .innerJoin('u.organization', 'o')
      .select('o.constituency', 'constituency')
      .addSelect('count(*)::int', 'n')
      .where('p.roundtable_id = :roundtableId', { roundtableId })
      .andWhere("p.attended = true AND p.role IN ('participant', 'facilitator') AND u.active = true")
      .groupBy('o.constituency')
      .getRawMany<{ constituency: Constituency; n: number }>();
  }

  /** Facilitators first, then participants, then observers; by name within each. */
  /** Everyone taking part, by id. */
  async userIds(roundtableId: string, tx: Tx = this.dataSource.manager): Promise<string[]> {
    const rows = await tx.find(RoundtableParticipant, { where: { roundtableId }, select: { userId: true } });
    return rows.map((r) => r.userId);
  }

  /** Every participant with their person, facilitators first, by name: the roundtable page's list, a prepared statement. */
  async listWithPeople(roundtableId: string): Promise<ParticipantWithPerson[]> {
    const rows = await queryPrepared<{
      user_id: string;
      role: RoundtableParticipant['role'];
      attended: boolean;
      created_at: Date;
      display_name: string;
      sex: Sex | null;
      organization: ParticipantWithPerson['user']['organization'];
    }>(
      this.dataSource,
      'roundtable_participants_with_people',
      `SELECT p.user_id, p.role, p.attended, p.created_at, u.display_name, u.sex,
              json_build_object('id', o.id, 'name', o.name, 'constituency', o.constituency, 'region', o.region) AS organization
         FROM roundtable_participants p JOIN users u ON u.id = p.user_id JOIN organizations o ON o.id = u.organization_id
        WHERE p.roundtable_id = $1
        ORDER BY ${ROLE_ORDER}, u.display_name`,
      [roundtableId],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      role: r.role,
      attended: r.attended,
      createdAt: r.created_at,
      user: { displayName: r.display_name, sex: r.sex, organization: r.organization },
    }));
  }

  /** The given participants, by name. */
  async findWithPeople(roundtableId: string, userIds: string[]): Promise<RoundtableParticipant[]> {
    if (!userIds.length) return [];
    return this.withPeople(roundtableId).andWhere('p.userId IN (:...userIds)', { userIds }).orderBy('u.displayName').getMany();
  }

  private withPeople(roundtableId: string) {
    return this.dataSource.manager
      .createQueryBuilder(RoundtableParticipant, 'p')
      .innerJoinAndSelect('p.user', 'u')
      .innerJoinAndSelect('u.organization', 'o')
      .where('p.roundtableId = :roundtableId', { roundtableId });
  }

  async countOtherFacilitators(tx: Tx, roundtableId: string, userId: string): Promise<number> {
    return tx
      .createQueryBuilder(RoundtableParticipant, 'p')
      .where('p.roundtableId = :roundtableId AND p.role = :role AND p.userId <> :userId', { roundtableId, role: 'facilitator', userId })
      .getCount();
  }

  async insert(
    tx: Tx,
    rows: (Pick<RoundtableParticipant, 'roundtableId' | 'userId' | 'role' | 'addedById'> & Partial<Pick<RoundtableParticipant, 'attended'>>)[],
  ): Promise<void> {
    if (rows.length) await tx.insert(RoundtableParticipant, rows);
  }

  async update(tx: Tx, roundtableId: string, userId: string, changes: Partial<Pick<RoundtableParticipant, 'role' | 'attended'>>): Promise<void> {
    await tx.update(RoundtableParticipant, { roundtableId, userId }, changes);
  }

  async delete(tx: Tx, roundtableId: string, userId: string): Promise<void> {
    await tx.delete(RoundtableParticipant, { roundtableId, userId });
  }
}

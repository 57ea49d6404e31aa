import { Injectable } from '@nestjs/common';
import { ActivityService } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { forbidden } from '../common/errors';
import { cleanLocalizedText } from '../common/localized-text';
import { UnitOfWork } from '../database/unit-of-work';
import type { ChannelAccess } from '../realtime/channel-access.registry';
import { ChannelsService } from '../realtime/channels.service';
import { RoundtablesService } from '../roundtables/roundtables.service';
import { TRIPARTITE, type Constituency } from '../shared/enums';
import { UsersService } from '../users/users.service';
import type { CaucusStatementDto, CaucusView } from './dto/caucus.dto';
import { CaucusesRepository } from './caucuses.repository';
import type { Caucus } from './entities/caucus.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Caucuses: the government, employers' and workers' participants of a roundtable each have a private channel, read
 * and written only by that group's own participants (not by the other groups, not by facilitators or admins of
 * another constituency): to anyone else it does not exist (404). A caucus publishes its agreed statement into the
 * plenary record.
 */
@Injectable()
export class CaucusesService {
  constructor(
    private readonly caucuses: CaucusesRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly roundtables: RoundtablesService,
    private readonly channels: ChannelsService,
    private readonly activity: ActivityService,
    private readonly users: UsersService,
  ) {}

  /** The caucus a user belongs to at a roundtable: their constituency's, when they take part (participant or facilitator). */
  private async memberOf(user: AuthUser, roundtableId: string): Promise<Constituency | null> {
    const constituency = await this.roundtables.speakerConstituency(roundtableId, user.id);
    return constituency && TRIPARTITE.includes(constituency) ? constituency : null;
  }

  /** The channel access resolver of kind caucus (refId: the caucus id). */
  async access(user: AuthUser, caucusId: string): Promise<ChannelAccess | null> {
    if (!UUID.test(caucusId)) return null;
    const caucus = await this.caucuses.findById(caucusId);
    if (!caucus) return null;
    const mine = await this.memberOf(user, caucus.roundtableId);
    return mine === caucus.constituency ? { read: true, post: true, moderate: false } : null;
  }

  private async view(caucus: Caucus, channelId: string | null): Promise<CaucusView> {
    const names = await this.users.displayNames([caucus.publishedById]);
    return {
      id: caucus.id,
      roundtableId: caucus.roundtableId,
      constituency: caucus.constituency,
      channelId,
      statement: caucus.statement,
      publishedAt: caucus.publishedAt?.toISOString() ?? null,
      publishedBy: caucus.publishedById ? { id: caucus.publishedById, displayName: names.get(caucus.publishedById) ?? '' } : null,
    };
  }

  /** The three caucuses: everyone who reads the roundtable sees published statements; only your own group's channel. */
  async list(user: AuthUser, roundtableId: string): Promise<{ items: CaucusView[] }> {
    await this.roundtables.findVisible(undefined, user, roundtableId);
    const mine = await this.memberOf(user, roundtableId);
    const items: CaucusView[] = [];
    for (const constituency of TRIPARTITE) {
      const caucus = await this.caucuses.ensure(roundtableId, constituency);
      const channelId = constituency === mine ? (await this.channels.ensureChannel('caucus', caucus.id)).id : null;
      items.push(await this.view(caucus, channelId));
    }
    return { items };
  }

  /** A member of the group publishes its agreed statement (replacing an earlier one) into the plenary record. */
  async publish(user: AuthUser, roundtableId: string, constituency: Constituency, dto: CaucusStatementDto): Promise<CaucusView> {
    await this.roundtables.findVisible(undefined, user, roundtableId);
    const mine = await this.memberOf(user, roundtableId);
    if (mine !== constituency) throw forbidden(`Only the ${constituency} group's own participants publish its statement`);
    const statement = cleanLocalizedText(dto.statement);
    const caucus = await this.unitOfWork.run(async (tx) => {
      const row = await this.caucuses.ensure(roundtableId, constituency, tx);
      const publishedAt = new Date();
      await this.caucuses.publish(tx, row.id, { statement, publishedAt, publishedById: user.id });
      await this.activity.recordBy(tx, user, 'roundtable.caucus_statement_published', roundtableId, { constituency, statement });
      return { ...row, statement, publishedAt, publishedById: user.id };
    });
    return this.view(caucus, (await this.channels.ensureChannel('caucus', caucus.id)).id);
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService, diff } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, notFound } from '../common/errors';
import { cleanLocalizedText } from '../common/localized-text';
import { CONSTITUENCIES, type Constituency } from '../organizations/entities/organization.entity';
import { constituenciesProblem, CreateDecisionDto, DecisionView, UpdateDecisionDto } from './dto/decision.dto';
import { Decision } from './entities/decision.entity';
import { RoundtablesService } from './roundtables.service';
import { toDecisionView } from './views';

/** Stored in the catalogue's order, so the same set always reads the same. */
const ordered = (constituencies: Constituency[]) => CONSTITUENCIES.filter((c) => constituencies.includes(c));

/** Outcomes recorded at a roundtable. */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly roundtables: RoundtablesService,
    private readonly activity: ActivityService,
  ) {}

  private async findDecision(manager: EntityManager, roundtableId: string, decisionId: string): Promise<Decision> {
    const decision = await manager.findOneBy(Decision, { id: decisionId, roundtableId });
    if (!decision) throw notFound('Decision');
    return decision;
  }

  private async view(decisionId: string): Promise<DecisionView> {
    return toDecisionView(await this.dataSource.manager.findOneOrFail(Decision, { where: { id: decisionId }, relations: { createdBy: true } }));
  }

  async list(user: AuthUser, id: string): Promise<{ items: DecisionView[] }> {
    await this.roundtables.findVisible(this.dataSource.manager, user, id);
    const decisions = await this.dataSource.manager.find(Decision, {
      where: { roundtableId: id },
      relations: { createdBy: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return { items: decisions.map(toDecisionView) };
  }

  async create(actor: AuthUser, id: string, dto: CreateDecisionDto): Promise<DecisionView> {
    const decisionId = await this.dataSource.transaction(async (manager) => {
      await this.roundtables.findManageable(manager, actor, id);
      const decision = await manager.save(
        manager.create(Decision, {
          roundtableId: id,
          text: cleanLocalizedText(dto.text),
          adoption: dto.adoption,
          constituencies: dto.adoption === 'constituencies' ? ordered(dto.constituencies ?? []) : [],
          createdById: actor.id,
        }),
      );
      await this.activity.record(manager, {
        actorId: actor.id,
        action: 'roundtable.decision_recorded',
        entityType: 'roundtable',
        entityId: id,
        changes: { decisionId: decision.id, text: decision.text, adoption: decision.adoption, constituencies: decision.constituencies },
      });
      return decision.id;
    });
    return this.view(decisionId);
  }

  async update(actor: AuthUser, id: string, decisionId: string, dto: UpdateDecisionDto): Promise<DecisionView> {
    await this.dataSource.transaction(async (manager) => {
      await this.roundtables.findManageable(manager, actor, id);
      const decision = await this.findDecision(manager, id, decisionId);
      const adoption = dto.adoption ?? decision.adoption;
      const constituencies =
        dto.constituencies !== undefined ? ordered(dto.constituencies) : adoption === 'consensus' ? [] : decision.constituencies;
      const problem = constituenciesProblem(adoption, constituencies);
      if (problem) throw badRequest('constituencies', problem);
      const next = { text: dto.text ? cleanLocalizedText(dto.text) : undefined, adoption, constituencies };
      const changes = diff(decision, next);
      if (!Object.keys(changes).length) return;
      await manager.update(Decision, { id: decisionId }, { ...(next.text ? { text: next.text } : {}), adoption, constituencies });
      await this.activity.record(manager, {
        actorId: actor.id,
        action: 'roundtable.decision_updated',
        entityType: 'roundtable',
        entityId: id,
        changes: { decisionId, ...changes },
      });
    });
    return this.view(decisionId);
  }

  async remove(actor: AuthUser, id: string, decisionId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.roundtables.findManageable(manager, actor, id);
      const decision = await this.findDecision(manager, id, decisionId);
      await manager.delete(Decision, { id: decisionId });
      await this.activity.record(manager, {
        actorId: actor.id,
        action: 'roundtable.decision_removed',
        entityType: 'roundtable',
        entityId: id,
        changes: { decisionId, text: decision.text, adoption: decision.adoption, constituencies: decision.constituencies },
      });
    });
  }
}

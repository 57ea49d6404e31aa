import { Injectable } from '@nestjs/common';
import { ActivityService, diff } from '../activity/activity.service';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, conflict, orNotFound } from '../common/errors';
import { cleanLocalizedText, type LocalizedText } from '../common/localized-text';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { CONSTITUENCIES, type Constituency } from '../organizations/entities/organization.entity';
import { constituenciesProblem, CreateDecisionDto, DecisionView, UpdateDecisionDto } from './dto/decision.dto';
import { DecisionsRepository } from './decisions.repository';
import type { Decision } from './entities/decision.entity';
import { AgendaRepository } from './agenda.repository';
import { RoundtablesService } from './roundtables.service';
import { toDecisionView } from './views';

/** Stored in the catalogue's order, so the same set always reads the same. */
const ordered = (constituencies: Constituency[]) => CONSTITUENCIES.filter((c) => constituencies.includes(c));

/** Outcomes recorded at a roundtable. */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly decisions: DecisionsRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly roundtables: RoundtablesService,
    private readonly activity: ActivityService,
    private readonly agenda: AgendaRepository,
  ) {}

  /** 400 unless the agenda item belongs to the roundtable. */
  private async checkAgendaItem(tx: Tx, roundtableId: string, agendaItemId: string | null | undefined) {
    if (agendaItemId && !(await this.agenda.findInRoundtable(roundtableId, agendaItemId, tx))) {
      throw badRequest('agendaItemId', 'agendaItemId does not name an agenda item of this roundtable');
    }
  }

  private async findDecision(tx: Tx, roundtableId: string, decisionId: string) {
    return orNotFound(await this.decisions.findInRoundtable(tx, roundtableId, decisionId), 'Decision');
  }

  private async view(decisionId: string): Promise<DecisionView> {
    const decision = orNotFound(await this.decisions.findWithAuthor(decisionId), 'Decision');
    return toDecisionView(decision);
  }

  async list(user: AuthUser, id: string): Promise<{ items: DecisionView[] }> {
    return { items: (await this.roundtables.readable(user, id, this.decisions.listWithAuthors(id))).map(toDecisionView) };
  }

  async create(actor: AuthUser, id: string, dto: CreateDecisionDto): Promise<DecisionView> {
    const decisionId = await this.unitOfWork.run(async (tx) => {
      await this.roundtables.findManageable(tx, actor, id);
      await this.checkAgendaItem(tx, id, dto.agendaItemId);
      const decision = await this.decisions.insert(tx, {
        roundtableId: id,
        agendaItemId: dto.agendaItemId ?? null,
        text: cleanLocalizedText(dto.text),
        adoption: dto.adoption,
        constituencies: dto.adoption === 'constituencies' ? ordered(dto.constituencies ?? []) : [],
        createdById: actor.id,
      });
      await this.activity.recordBy(tx, actor, 'roundtable.decision_recorded', id, {
        decisionId: decision.id,
        text: decision.text,
        adoption: decision.adoption,
        constituencies: decision.constituencies,
        ...(decision.agendaItemId ? { agendaItemId: decision.agendaItemId } : {}),
      });
      return decision.id;
    });
    return this.view(decisionId);
  }

  async update(actor: AuthUser, id: string, decisionId: string, dto: UpdateDecisionDto): Promise<DecisionView> {
    await this.unitOfWork.run(async (tx) => {
      await this.roundtables.findManageable(tx, actor, id);
      const decision = await this.findDecision(tx, id, decisionId);
      const adoption = dto.adoption ?? decision.adoption;
      const constituencies = dto.constituencies !== undefined ? ordered(dto.constituencies) : adoption === 'consensus' ? [] : decision.constituencies;
      const problem = constituenciesProblem(adoption, constituencies);
      if (problem) throw badRequest('constituencies', problem);
      if (dto.agendaItemId !== undefined) await this.checkAgendaItem(tx, id, dto.agendaItemId);
      const agendaItemId = dto.agendaItemId === undefined ? decision.agendaItemId : dto.agendaItemId;
      const next = { text: dto.text ? cleanLocalizedText(dto.text) : undefined, adoption, constituencies, agendaItemId };
      const changes = diff(decision, next);
      if (!Object.keys(changes).length) return;
      await this.decisions.update(tx, decisionId, { ...(next.text ? { text: next.text } : {}), adoption, constituencies, agendaItemId });
      await this.activity.recordBy(tx, actor, 'roundtable.decision_updated', id, { decisionId, ...changes });
    });
    return this.view(decisionId);
  }

  async remove(actor: AuthUser, id: string, decisionId: string): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      await this.roundtables.findManageable(tx, actor, id);
      const decision = await this.findDecision(tx, id, decisionId);
      await this.decisions.delete(tx, decisionId);
      await this.activity.recordBy(tx, actor, 'roundtable.decision_removed', id, {
        decisionId,
        text: decision.text,
        adoption: decision.adoption,
        constituencies: decision.constituencies,
      });
    });
  }

  /** For the votes module: the decision a vote is about, or null when it is not one of the roundtable's. */
  async findForVote(tx: Tx, roundtableId: string, decisionId: string): Promise<{ id: string; text: LocalizedText; voteResult: Decision['voteResult'] } | null> {
    const decision = await this.decisions.findInRoundtable(tx, roundtableId, decisionId);
    return decision && { id: decision.id, text: decision.text, voteResult: decision.voteResult };
  }

  /** For the votes module, inside its transaction: writes a closed vote's outcome and tallies into the decision. */
  async recordVoteResult(tx: Tx, decisionId: string, result: NonNullable<Decision['voteResult']>): Promise<void> {
    await this.decisions.setVoteResult(tx, decisionId, result);
  }

  /**
   * For the roadmaps module, inside its transaction: claims a decision to become one commitment. The decision is
   * locked; it must be visible to the promoter and not yet promoted.
   */
  async claimForCommitment(tx: Tx, user: AuthUser, decisionId: string): Promise<{ roundtableId: string; text: LocalizedText }> {
    const decision = await this.decisions.findForPromotion(tx, decisionId, user.id);
    const visible = decision && (decision.visibility === 'platform' || decision.participant || user.role === 'admin');
    if (!visible) throw badRequest('originDecisionId', 'originDecisionId does not name a decision you can see');
    if (decision.actionItemId) throw conflict('This decision has already been promoted into a commitment', { actionItemId: decision.actionItemId });
    return { roundtableId: decision.roundtableId, text: decision.text };
  }

  /** Marks the claimed decision as promoted into the commitment (touch: as a change of the decision, now). */
  async linkCommitment(tx: Tx, decisionId: string, actionItemId: string, touch = true): Promise<void> {
    await this.decisions.linkActionItem(tx, decisionId, actionItemId, touch);
  }
}

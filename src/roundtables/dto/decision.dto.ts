import { ArrayUnique, IsArray, IsIn, IsUUID, registerDecorator, ValidateIf, ValidationArguments } from 'class-validator';
import { IsLocalizedText, type LocalizedText } from '../../common/localized-text';
import { ListOf } from '../../common/page-of';
import { CONSTITUENCIES, type Constituency } from '../../organizations/entities/organization.entity';
import { ADOPTIONS, type Adoption } from '../entities/decision.entity';
import type { PersonRef } from './roundtable.dto';
import { Omittable } from '../../common/validation';
import { DecisionVoteResultView } from '../../votes/dto/vote.dto';

/** constituencies must be non-empty when adoption is 'constituencies' and empty when it is 'consensus'. */
export function constituenciesProblem(adoption: unknown, constituencies: unknown): string | null {
  const count = Array.isArray(constituencies) ? constituencies.length : 0;
  if (adoption === 'constituencies' && count === 0) return 'constituencies must name at least one constituency when adoption is constituencies';
  if (adoption === 'consensus' && count > 0) return 'constituencies must be empty when adoption is consensus';
  return null;
}

function FitsAdoption() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'fitsAdoption',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => constituenciesProblem((args.object as { adoption?: unknown }).adoption, value) === null,
        defaultMessage: (args: ValidationArguments) =>
          constituenciesProblem((args.object as { adoption?: unknown }).adoption, args.value) ?? 'constituencies do not fit adoption',
      },
    });
}

const ADOPTION_MESSAGE = `adoption must be one of ${ADOPTIONS.join(', ')}`;
const CONSTITUENCY_MESSAGE = `each constituency must be one of ${CONSTITUENCIES.join(', ')}`;

export class CreateDecisionDto {
  @IsLocalizedText({ maxLength: 5000 })
  text: LocalizedText;

  @IsIn(ADOPTIONS, { message: ADOPTION_MESSAGE })
  adoption: Adoption;

  @ValidateIf((o: CreateDecisionDto) => o.constituencies !== undefined || o.adoption === 'constituencies')
  @IsArray({ message: 'constituencies must be a list' })
  @ArrayUnique({ message: 'constituencies must not repeat a constituency' })
  @IsIn(CONSTITUENCIES, { each: true, message: CONSTITUENCY_MESSAGE })
  @FitsAdoption()
  constituencies?: Constituency[];

  /** The agenda item it was taken under. */
  @Omittable()
  @IsUUID('all', { message: 'agendaItemId must be a UUID' })
  agendaItemId?: string;
}

/** Changing adoption to consensus clears constituencies. */
export class UpdateDecisionDto {
  @Omittable()
  @IsLocalizedText({ maxLength: 5000 })
  text?: LocalizedText;

  @Omittable()
  @IsIn(ADOPTIONS, { message: ADOPTION_MESSAGE })
  adoption?: Adoption;

  @ValidateIf((o: UpdateDecisionDto) => o.constituencies !== undefined)
  @IsArray({ message: 'constituencies must be a list' })
  @ArrayUnique({ message: 'constituencies must not repeat a constituency' })
  @IsIn(CONSTITUENCIES, { each: true, message: CONSTITUENCY_MESSAGE })
  @FitsAdoption()
  constituencies?: Constituency[];

  /** null: not tied to an agenda item. */
  @ValidateIf((_: unknown, v: unknown) => v !== null && v !== undefined)
  @IsUUID('all', { message: 'agendaItemId must be a UUID' })
  agendaItemId?: string | null;
}

export class DecisionParam {
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @IsUUID('all', { message: 'decisionId must be a UUID' })
  decisionId: string;
}

export class DecisionView {
  id: string;
  roundtableId: string;
  text: LocalizedText;
  adoption: Adoption;
  constituencies: Constituency[];
  /** The agenda item it was taken under, or null. */
  agendaItemId: string | null;
  /** The roadmap action item this decision spawned, once there is one. */
  actionItemId: string | null;
  /** What the last closed vote on it came to: adopted or not and why, with its tallies per constituency. */
  voteResult: DecisionVoteResultView | null;
  createdBy: PersonRef | null;
  createdAt: string;
  updatedAt: string;
}

export class DecisionList extends ListOf(DecisionView) {}

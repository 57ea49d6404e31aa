import { Entity } from 'typeorm';
import { TextColumn, NullableTextColumn, LocalizedTextColumn } from '../../common/columns';
import { Timestamped } from '../../common/entity-bases';
import type { LocalizedText } from '../../common/localized-text';
import { CONSTITUENCIES, TRIPARTITE, type Constituency } from '../../shared/enums';

export { CONSTITUENCIES, TRIPARTITE, type Constituency };

@Entity('organizations')
export class Organization extends Timestamped {
  @LocalizedTextColumn()
  name: LocalizedText;

  @TextColumn()
  constituency: Constituency;

  @NullableTextColumn()
  region: string | null;
}

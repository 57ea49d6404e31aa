import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { Page } from './pagination';

/**
 * Response classes for lists, named per item so each is one schema: `export class RoundtablePage extends
 * PageOf(RoundtableView) {}`. (Generic classes are beyond the swagger plugin, hence the explicit decorators.)
 */
export function PageOf<T>(item: Type<T>): Type<Page<T>> {
  class PageOfItems implements Page<T> {
    @ApiProperty({ type: () => [item] })
    items: T[];

    @ApiProperty({
      type: 'string',
      nullable: true,
      description: 'Pass as `cursor` to get the next page; null on the last page.',
    })
    nextCursor: string | null;
  }
  return PageOfItems;
}

/** A whole list, not paged: `{ items }`. */
export function ListOf<T>(item: Type<T>): Type<{ items: T[] }> {
  class ListOfItems {
    @ApiProperty({ type: () => [item] })
    items: T[];
  }
  return ListOfItems;
}

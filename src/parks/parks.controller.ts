import { Body, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { CurrentUser, Roles, ApiController, NoContent } from '../common/decorators';
import { IdParam } from '../common/params';
import { CreateParkDto, ParkList, ParkQuery, ParkView, ProvinceList, UpdateParkDto } from './dto/park.dto';
import { ParksService } from './parks.service';

@ApiController('directory', 'parks')
export class ParksController {
  constructor(private readonly parks: ParksService) {}

  @Get()
  list(@Query() query: ParkQuery): Promise<ParkList> {
    return this.parks.list(query);
  }

  /** The provinces the parks are in, each with its cities, in order. */
  @Get('areas')
  areas(): Promise<ProvinceList> {
    return this.parks.areas();
  }

  @Get(':id')
  get(@Param() { id }: IdParam): Promise<ParkView> {
    return this.parks.get(id);
  }

  @Post()
  @Roles('admin')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateParkDto): Promise<ParkView> {
    return this.parks.create(user, dto);
  }

  @Patch(':id')
  @Roles('admin')
  update(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: UpdateParkDto): Promise<ParkView> {
    return this.parks.update(user, id, dto);
  }

  @Delete(':id')
  @Roles('admin')
  @NoContent()
  @ApiErrors(409)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<void> {
    return this.parks.remove(user, id);
  }
}

import { Body, Get, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { CurrentUser, Roles, ApiController } from '../common/decorators';
import { IdParam } from '../common/params';
import { CreateRoadmapDto, RoadmapList, RoadmapProgressView, RoadmapView, UpdateRoadmapDto } from './dto/roadmap.dto';
import { RoadmapsService } from './roadmaps.service';

@ApiController('roadmaps', 'roadmaps')
export class RoadmapsController {
  constructor(private readonly roadmaps: RoadmapsService) {}

  @Get()
  list(): Promise<RoadmapList> {
    return this.roadmaps.list();
  }

  @Get(':id')
  get(@Param() { id }: IdParam): Promise<RoadmapView> {
    return this.roadmaps.get(id);
  }

  @Post()
  @Roles('admin', 'facilitator')
  @ApiErrors(404)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateRoadmapDto): Promise<RoadmapView> {
    return this.roadmaps.create(user, dto);
  }

  @Patch(':id')
  @Roles('admin', 'facilitator')
  update(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: UpdateRoadmapDto): Promise<RoadmapView> {
    return this.roadmaps.update(user, id, dto);
  }

  @Get(':id/progress')
  progress(@Param() { id }: IdParam): Promise<RoadmapProgressView> {
    // The service spreads each group's label (workingGroup, constituency) in through an untyped object.
    return this.roadmaps.progress(id) as Promise<RoadmapProgressView>;
  }

  @Get(':id/export.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One row per commitment, UTF-8 with a byte-order mark.', schema: { type: 'string' } })
  async exportCsv(@Param() { id }: IdParam, @Res() response: FastifyReply): Promise<void> {
    const { filename, body } = await this.roadmaps.exportCsv(id);
    response.header('Content-Type', 'text/csv; charset=utf-8');
    response.header('Content-Disposition', `attachment; filename="${filename}"`);
    response.send(body);
  }
}

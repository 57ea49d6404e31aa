import { Body, Controller, Get, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../common/decorators';
import { IdParam } from '../common/params';
import { CreateRoadmapDto, UpdateRoadmapDto } from './dto/roadmap.dto';
import { RoadmapsService } from './roadmaps.service';

@ApiTags('roadmaps')
@ApiBearerAuth()
@Controller('roadmaps')
export class RoadmapsController {
  constructor(private readonly roadmaps: RoadmapsService) {}

  @Get()
  list() {
    return this.roadmaps.list();
  }

  @Get(':id')
  get(@Param() { id }: IdParam) {
    return this.roadmaps.get(id);
  }

  @Post()
  @Roles('admin', 'facilitator')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateRoadmapDto) {
    return this.roadmaps.create(user, dto);
  }

  @Patch(':id')
  @Roles('admin', 'facilitator')
  update(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: UpdateRoadmapDto) {
    return this.roadmaps.update(user, id, dto);
  }

  @Get(':id/progress')
  progress(@Param() { id }: IdParam) {
    return this.roadmaps.progress(id);
  }

  @Get(':id/export.csv')
  async exportCsv(@Param() { id }: IdParam, @Res() response: Response) {
    const { filename, body } = await this.roadmaps.exportCsv(id);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    response.send(body);
  }
}

import { Body, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { CurrentUser, Roles, ApiController, NoContent } from '../common/decorators';
import { IdParam } from '../common/params';
import { CreateOrganizationDto, OrganizationList, OrganizationQuery, OrganizationView, UpdateOrganizationDto } from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiController('directory', 'organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  list(@Query() query: OrganizationQuery): Promise<OrganizationList> {
    return this.organizations.list(query);
  }

  @Get(':id')
  get(@Param() { id }: IdParam): Promise<OrganizationView> {
    return this.organizations.get(id);
  }

  @Post()
  @Roles('admin')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateOrganizationDto): Promise<OrganizationView> {
    return this.organizations.create(user, dto);
  }

  @Patch(':id')
  @Roles('admin')
  update(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Body() dto: UpdateOrganizationDto): Promise<OrganizationView> {
    return this.organizations.update(user, id, dto);
  }

  @Delete(':id')
  @Roles('admin')
  @NoContent()
  @ApiErrors(409)
  remove(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<void> {
    return this.organizations.remove(user, id);
  }
}

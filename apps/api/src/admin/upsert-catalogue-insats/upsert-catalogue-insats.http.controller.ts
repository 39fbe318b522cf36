import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.guard';
import { validationError } from '@app/runtime';
import type { TenantWriteRequest, TenantWriteResponse } from '../tenant-config.service';
import { TenantWrite } from '../../common/write-request';
import { UpsertCatalogueInsatsDto } from './upsert-catalogue-insats.dto';
import { UpsertCatalogueInsatsCommand } from './upsert-catalogue-insats.handler';
import { ApiAuthenticated, ApiStreamWrite } from '../../common/api-docs';
import { CatalogueInsatsWriteAnswer } from './upsert-catalogue-insats.response';

const INSATS_CODE = /^[A-Z0-9_-]{1,64}$/;

@ApiTags('admin')
@ApiAuthenticated()
@Controller('api/v1/admin/insatser')
export class UpsertCatalogueInsatsHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':code')
  @HttpCode(200)
  @ApiStreamWrite()
  @ApiOkResponse({ type: CatalogueInsatsWriteAnswer, description: 'The configuration’s new version' })
  @Allow('admin')
  @ApiOperation({
    operationId: 'upsertCatalogueInsats',
    summary: 'Add or change an insats of the tenant’s catalogue (insatskatalog); active: false retires it',
  })
  @ApiParam({
    name: 'code',
    description: 'Uppercase letters, digits, - and _; at most 64',
    example: 'AMT_AF',
  })
  upsert(
    @TenantWrite() req: TenantWriteRequest,
    @Param('code') code: string,
    @Body() body: UpsertCatalogueInsatsDto,
  ): Promise<TenantWriteResponse & { code: string }> {
    if (!INSATS_CODE.test(code)) {
      throw validationError([{ field: 'code', message: 'must be 1–64 uppercase letters, digits, - or _' }]);
    }
    return this.commands.execute(new UpsertCatalogueInsatsCommand(req, code, body));
  }
}

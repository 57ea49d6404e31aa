import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { FastifyRequest, FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { ApiErrors } from '../common/api-errors';
import { ApiController, CurrentUser } from '../common/decorators';
import { IdParam } from '../common/params';
import { type DocumentDownload, DocumentsService } from './documents.service';
import { DocumentList, DocumentTargetQuery, DocumentVersionParam, DocumentView, DownloadQuery } from './dto/document.dto';
import { contentDisposition } from './file-name';

/** The multipart body of an upload: one file in the field `file`, nothing else. */
const UPLOAD_BODY = {
  description:
    'One file in the field `file` (streamed, never held in memory). Its type is read from its content: PDF, Word (docx, doc), ' +
    'Excel (xlsx, xls), PowerPoint (pptx), PNG, JPEG, GIF, WebP, CSV or plain text; anything else answers 415. Larger than ' +
    'MAX_UPLOAD_MB (50 MB by default) answers 413. Either way nothing is kept.',
  schema: {
    type: 'object',
    required: ['file'],
    properties: { file: { type: 'string', format: 'binary', description: 'The file; its name is kept (made safe) as the display name.' } },
  },
};

const FILE_RESPONSE = {
  description:
    'The bytes, as an attachment (Content-Disposition with an RFC 5987 filename*), with X-Content-Type-Options: nosniff and ' +
    'Content-Security-Policy: sandbox. Only a raster image asked for inline is shown inline.',
  schema: { type: 'string', format: 'binary' },
};

/** The response headers of a download: never rendered by the browser as a page of this site. */
function send(response: FastifyReply, file: DocumentDownload): void {
  response.header('Content-Type', file.mediaType);
  response.header('Content-Length', String(file.sizeBytes));
  response.header('Content-Disposition', contentDisposition(file.name, file.disposition));
  response.header('X-Content-Type-Options', 'nosniff');
  response.header('Content-Security-Policy', "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'");
  response.header('Cache-Control', 'private, no-cache');
  response.header('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
  void response.send(file.stream);
}

@ApiController('documents', 'documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  /** The documents attached to a roundtable, agenda item, decision, working group, commitment or channel, oldest first. */
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() { targetType, targetId }: DocumentTargetQuery): Promise<DocumentList> {
    return this.documents.list(user, targetType, targetId);
  }

  /** Attaches a document to the thing named in the query; its first version. */
  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: DocumentView, description: 'The document, with its one version.' })
  @ApiErrors(403, 404, 413, 415)
  upload(@CurrentUser() user: AuthUser, @Query() { targetType, targetId }: DocumentTargetQuery, @Req() request: FastifyRequest): Promise<DocumentView> {
    return this.documents.upload(user, targetType, targetId, request.raw);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param() { id }: IdParam): Promise<DocumentView> {
    return this.documents.get(user, id);
  }

  /** A new version of the document (its uploader, or those who moderate where it is attached); earlier ones are kept. */
  @Post(':id/versions')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: DocumentView, description: 'The document, with every version.' })
  @ApiErrors(403, 413, 415)
  addVersion(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Req() request: FastifyRequest): Promise<DocumentView> {
    return this.documents.addVersion(user, id, request.raw);
  }

  /** The current version's bytes. */
  @Get(':id/download')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse(FILE_RESPONSE)
  async download(@CurrentUser() user: AuthUser, @Param() { id }: IdParam, @Query() query: DownloadQuery, @Res() response: FastifyReply): Promise<void> {
    send(response, await this.documents.download(user, id, undefined, query.disposition));
  }

  /** The bytes of one version. */
  @Get(':id/versions/:version/download')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse(FILE_RESPONSE)
  async downloadVersion(
    @CurrentUser() user: AuthUser,
    @Param() { id, version }: DocumentVersionParam,
    @Query() query: DownloadQuery,
    @Res() response: FastifyReply,
  ): Promise<void> {
    send(response, await this.documents.download(user, id, version, query.disposition));
  }
}

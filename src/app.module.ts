import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { ActivityModule } from './activity/activity.module';
import { AuthModule } from './auth/auth.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { APP_CONFIG, type ResolvedConfig } from './config/app-config';
import { databaseOptions, runMigrations } from './database/database-options';
import { UnitOfWorkModule } from './database/unit-of-work';
import { HealthController } from './health/health.controller';
import { HealthRepository } from './health/health.repository';
import { IndicatorsModule } from './indicators/indicators.module';
import { InvitationsModule } from './invitations/invitations.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { ParksModule } from './parks/parks.module';
import { PortalModule } from './portal/portal.module';
import { RoadmapsModule } from './roadmaps/roadmaps.module';
import { RoundtablesModule } from './roundtables/roundtables.module';
import { ReportsModule } from './reports/reports.module';
import { WorkingGroupsModule } from './working-groups/working-groups.module';
import { RealtimeModule } from './realtime/realtime.module';
import { DemoModule } from './demo/demo.module';
import { VotesModule } from './votes/votes.module';
import { DocumentsModule } from './documents/documents.module';
import { SearchModule } from './search/search.module';
import { DeskModule } from './desk/desk.module';
import { SpeakerQueueModule } from './speaker-queue/speaker-queue.module';
import { CaucusesModule } from './caucuses/caucuses.module';
import { ConversationsModule } from './conversations/conversations.module';
import { TranslationRecordsModule } from './translations/translation-records';
import { TranslationsModule } from './translations/translations.module';
import { AppLogger, rootLogger, writesAccessLines } from './logger';
import { StartupService } from './startup.service';
import { UsersModule } from './users/users.module';
import { MailModule } from './mail/mail.module';

@Module({})
export class AppModule {
  static forRoot(config: ResolvedConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          // Under the global prefix 'api': every API request (path-to-regexp v8 syntax; a bare '*' is warned about).
          // At warn or quieter no access line is ever written, so no request gets a logger of its own: that was a
          // quarter of a cheap read's CPU (bench/api.ts). Warnings and errors are still logged, without the request's id.
          forRoutes: writesAccessLines(config.logLevel) ? [{ path: '{*path}', method: RequestMethod.ALL }] : [],
          pinoHttp: {
            logger: rootLogger(config),
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            customProps: (req) => ({ userId: (req as { user?: { id: string } }).user?.id }), // set by nameInAccessLine
            // The middleware sees the path without the prefix it is mounted under; originalUrl is the whole one.
            autoLogging: { ignore: (req) => !((req as { originalUrl?: string }).originalUrl ?? req.url)?.startsWith('/api') },
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...databaseOptions(config.databaseUrl), entities: [], autoLoadEntities: true }),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await runMigrations(dataSource);
            return dataSource;
          },
        }),
        UnitOfWorkModule,
        ActivityModule,
        UsersModule,
        AuthModule,
        OrganizationsModule,
        ParksModule,
        RoundtablesModule,
        WorkingGroupsModule,
        InvitationsModule,
        RoadmapsModule,
        IndicatorsModule,
        PortalModule,
        DemoModule,
        RealtimeModule,
        VotesModule,
        MailModule,
        DocumentsModule,
        ReportsModule,
        SearchModule,
        DeskModule,
        SpeakerQueueModule,
        CaucusesModule,
        ConversationsModule,
        TranslationRecordsModule,
        TranslationsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        StartupService,
        HealthRepository,
        AppLogger,
      ],
      exports: [APP_CONFIG, AppLogger],
    };
  }
}

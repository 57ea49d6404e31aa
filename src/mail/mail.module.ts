import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailPreference } from './entities/mail-preference.entity';
import { OutboxMail } from './entities/outbox-mail.entity';
import { MailPreferencesController, OutboxController, UnsubscribeController } from './mail.controller';
import { DigestService } from './digest.service';
import { MailInbound } from './inbound.service';
import { MailService } from './mail.service';
import { MailWorker } from './mail.worker';
import { OutboxRepository } from './outbox.repository';
import { MailPreferencesRepository } from './preferences.repository';

/**
 * Mail: the outbox and its worker, what is mailed, preferences and unsubscribe, and replies by mail (MailInbound). Global, so that invitations and
 * roundtables write their mails in their own transactions.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMail, MailPreference])],
  controllers: [OutboxController, MailPreferencesController, UnsubscribeController],
  providers: [OutboxRepository, MailPreferencesRepository, MailService, MailWorker, DigestService, MailInbound],
  exports: [MailService, MailWorker, DigestService, MailInbound],
})
export class MailModule {}

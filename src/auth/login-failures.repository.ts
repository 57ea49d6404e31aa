import { Injectable } from '@nestjs/common';
import { DataSource, MoreThan } from 'typeorm';
import { LoginFailure } from './entities/login-failure.entity';

@Injectable()
export class LoginFailuresRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(email: string, ip: string): Promise<void> {
    await this.dataSource.manager.insert(LoginFailure, { email, ip });
  }

  async clearFor(email: string): Promise<void> {
    await this.dataSource.manager.delete(LoginFailure, { email });
  }

  /** Failures since a moment, for the account and for the address. */
  async countSince(since: Date, email: string, ip: string): Promise<{ byEmail: number; byIp: number }> {
    const [byEmail, byIp] = await Promise.all([
      this.dataSource.manager.countBy(LoginFailure, { email, createdAt: MoreThan(since) }),
      this.dataSource.manager.countBy(LoginFailure, { ip, createdAt: MoreThan(since) }),
    ]);
    return { byEmail, byIp };
  }
}

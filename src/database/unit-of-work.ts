import { Global, Injectable, Module } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * One transaction handle, passed by a service to the repositories it calls, so that several repositories (and the
 * activity log) commit together or not at all. Services never use it to query: it only goes through to repositories.
 */
export type Tx = EntityManager;

/** Opens transactions for services; the queries themselves stay in the repositories. */
@Injectable()
export class UnitOfWork {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

@Global()
@Module({ providers: [UnitOfWork], exports: [UnitOfWork] })
export class UnitOfWorkModule {}

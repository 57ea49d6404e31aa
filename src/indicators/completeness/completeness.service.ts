import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { badRequest } from '../../common/errors';
import { UnitOfWork } from '../../database/unit-of-work';
import { ParksService } from '../../parks/parks.service';
import { RealtimeEmitter } from '../../realtime/realtime.emitter';
import { parsePeriod } from '../../shared/periods';
import { UsersService } from '../../users/users.service';
import type { CompletenessQuery, CompletenessView } from '../dto/completeness.dto';
import { IndicatorsService, toIndicatorRef } from '../indicators.service';
import { CellTally, dueDate, parkCells, periodsBetween, rates, recentPeriods, unreportedStatus } from './completeness';
import { notificationTitles } from '../../common/notification-titles';
import { CompletenessRepository } from './completeness.repository';

/** The most periods one matrix shows. */
const MAX_PERIODS = 120;
/** Reminders go out this many days before a value is due, and for this many days after it is overdue. */
export const REMIND_BEFORE_DAYS = 7;
export const REMIND_AFTER_DAYS = 30;
const REMINDER_INTERVAL_MS = 6 * 3_600_000;
const DAY_MS = 86_400_000;

const todayUtc = () => new Date().toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/**
 * The reporting calendar at work: the completeness matrix (parks × periods: on time, late, missing, not due) with
 * rates per park and per city, and reminders to park officers (in the app, and by mail as they choose) before and
 * after the due day.
 */
@Injectable()
export class CompletenessService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CompletenessService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repository: CompletenessRepository,
    private readonly indicators: IndicatorsService,
    private readonly parks: ParksService,
    private readonly users: UsersService,
    private readonly realtime: RealtimeEmitter,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async matrix(ref: string, query: CompletenessQuery): Promise<CompletenessView> {
    const indicator = await this.indicators.findOrFail(ref);
    if (query.city && !query.province) throw badRequest('province', 'province is required with a city');
    const today = todayUtc();
    const [defaultFrom, defaultTo] = recentPeriods(indicator.frequency, today, 12);
    const from = query.from ?? defaultFrom;
    const to = query.to ?? defaultTo;
    const periods = periodsBetween(indicator.frequency, from, to, MAX_PERIODS).map((text) => {
      const p = parsePeriod(text)!;
      return { period: p.period, start: p.start, due: dueDate(p.end, indicator.dueDays) };
    });
    const area = { province: query.province, city: query.city, parkId: query.parkId };
    // Nationally the parks and their reports are read at the same time (the reports of every park, by indicator).
    const national = !query.province && !query.parkId;
    const [parks, nationalCells] = await Promise.all([
      this.parks.listPlaced(area),
      national ? this.repository.reportedCells(indicator.id, null, periods) : null,
    ]);
    if (!parks.length && !national) throw badRequest(query.parkId ? 'parkId' : 'city', 'no park is in this scope');
    const reported =
      nationalCells ??
      (await this.repository.reportedCells(
        indicator.id,
        parks.map((p) => p.id),
        periods,
      ));
    const unreported = periods.map((p) => unreportedStatus(p.due, today));
    const rows = parks.map((park) => {
      const cells = parkCells(unreported, reported.get(park.id));
      return { park: { id: park.id, name: park.name }, province: park.province, city: park.city, cells, rates: rates(cells) };
    });
    const byCity = new Map<string, { province: string; city: string; parks: number; tally: CellTally }>();
    const total = new CellTally();
    for (const row of rows) {
      const key = `${row.province}/${row.city}`;
      let city = byCity.get(key);
      if (!city) byCity.set(key, (city = { province: row.province, city: row.city, parks: 0, tally: new CellTally() }));
      city.parks++;
      city.tally.add(row.rates);
      total.add(row.rates);
    }
    return {
      indicator: toIndicatorRef(indicator),
      frequency: indicator.frequency,
      dueDays: indicator.dueDays,
      today,
      periods: periods.map((p) => ({ period: p.period, due: p.due })),
      parks: rows,
      cities: [...byCity.values()].map((c) => ({ province: c.province, city: c.city, parks: c.parks, rates: c.tally.rates() })),
      total: total.rates(),
    };
  }

  /**
   * Reminds the officers of parks (active members of the organization running each) that have not reported: before
   * the due day (within REMIND_BEFORE_DAYS) and once it has passed (within REMIND_AFTER_DAYS). Each reminder goes out
   * once per indicator, park, period and kind. Answers how many notifications were sent.
   */
  async sendReminders(today = todayUtc()): Promise<{ notified: number }> {
    const parks = (await this.parks.listPlaced({})).filter((p) => p.organizationId);
    let notified = 0;
    for (const indicator of (await this.indicators.list({})).items) {
      const found = await this.indicators.findOrFail(indicator.id);
      // The last two periods that have ended are the ones whose due day can be near.
      const [from, to] = recentPeriods(found.frequency, today, 2);
      for (const text of periodsBetween(found.frequency, from, to, 2)) {
        const period = parsePeriod(text)!;
        const due = dueDate(period.end, found.dueDays);
        const days = daysBetween(today, due);
        const kind = days >= 0 && days <= REMIND_BEFORE_DAYS ? 'before' : days < 0 && -days <= REMIND_AFTER_DAYS ? 'after' : null;
        if (!kind) continue;
        const missing = await this.repository.unreported(
          found.id,
          parks.map((p) => p.id),
          period,
        );
        // The claim, the in-app notifications and their mails (the outbox, through the notification hook) are one
        // transaction: a failure leaves the reminders unclaimed, to go out on the next run.
        notified += await this.unitOfWork.run(async (tx) => {
          let sent = 0;
          const claimed = new Set(await this.repository.claimReminders(tx, found.id, missing, period.period, kind));
          for (const park of parks.filter((p) => claimed.has(p.id))) {
            for (const userId of await this.users.activeIdsInOrganization(park.organizationId!)) {
              const reminder = kind === 'before' ? 'due_soon' : 'overdue';
              await this.realtime.notify(tx, userId, `reporting.${reminder}`, {
                indicatorId: found.id,
                code: found.code,
                indicatorName: found.name,
                parkId: park.id,
                parkName: park.name,
                period: period.period,
                due,
                title: notificationTitles.reporting(reminder, found.name, park.name, period.period, String(due)),
                // The park's report page, with the indicator and park chosen.
                link: `/indicators/report?indicator=${found.id}&scopeType=park&scope=${park.id}`,
              });
              sent++;
            }
          }
          return sent;
        });
      }
    }
    return { notified };
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sendReminders().catch((error: Error) => this.logger.warn(`reminders: ${error.message}`));
    }, REMINDER_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

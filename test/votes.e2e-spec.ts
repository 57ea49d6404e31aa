import type { AddressInfo } from 'node:net';
import { TestContext, type TestUser } from './support/context';
import { ack, type ClientSocket, connect, next, ok, record, sleep } from './support/sockets';

type Body = Record<string, unknown>;
type Tally = {
  hidden: boolean;
  total: { voters: number; counts: Record<string, number> };
  byConstituency: { constituency: string; voters: number; eligible: number; counts: Record<string, number> }[];
};
type TallyEvent = { voteId: string; tally: Tally };
type VoteEvent = {
  vote: {
    id: string;
    status: string;
    outcome: { adopted: boolean; reasons: { code: string; constituency: string | null; message: string }[] } | null;
    tally: Tally;
  };
};

const groupOf = (tally: Tally, constituency: string) => tally.byConstituency.find((g) => g.constituency === constituency)!;

describe('votes: counted by constituency, live over the socket', () => {
  let ctx: TestContext;
  let url: string;
  let facilitator: TestUser;
  let gov: TestUser;
  let emp1: TestUser;
  let emp2: TestUser;
  let emp3: TestUser;
  let union: TestUser;
  let absent: TestUser;
  let outsider: TestUser;
  let admin: TestUser;
  let roundtableId: string;
  let channelId: string;
  const sockets: ClientSocket[] = [];

  const open = async (user: TestUser) => {
    const socket = await connect(url, user.token);
    sockets.push(socket);
    return socket;
  };
  const newDecision = async (text = 'Adopt a skills fund for green jobs in the park') =>
    (
      await ctx.http
        .post(`/api/roundtables/${roundtableId}/decisions`)
        .set(facilitator.auth)
        .send({ text: { en: text }, adoption: 'consensus' })
        .expect(201)
    ).body.id as string;
  const openVote = async (body: Body) => (await ctx.http.post(`/api/roundtables/${roundtableId}/votes`).set(facilitator.auth).send(body).expect(201)).body;
  const cast = (socket: ClientSocket, voteId: string, choices: string[], reason?: string) =>
    ack<{ ballot: { choices: string[] | null; changes: number } }>(socket, 'vote:cast', { voteId, choices, ...(reason ? { reason } : {}) });

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.app.listen(0);
    url = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}`;
    facilitator = await ctx.newUser({ role: 'facilitator', constituency: 'international', name: 'Facilitator Lin' });
    admin = await ctx.newUser({ role: 'admin', constituency: 'international' });
    gov = await ctx.newUser({ constituency: 'government', name: 'Gov Zhang' });
    const employers = await ctx.newOrganization('employers');
    emp1 = await ctx.newUser({ organizationId: employers.id, name: 'Emp One' });
    emp2 = await ctx.newUser({ organizationId: employers.id, name: 'Emp Two' });
    emp3 = await ctx.newUser({ organizationId: employers.id, name: 'Emp Three' });
    union = await ctx.newUser({ constituency: 'workers', name: 'Union Wang' });
    absent = await ctx.newUser({ constituency: 'workers', name: 'Absent Wu' });
    outsider = await ctx.newUser({ constituency: 'workers' });
    const rt = await ctx.http
      .post('/api/roundtables')
      .set(facilitator.auth)
      .send({ title: { en: 'Plenary on green skills' }, startsAt: '2031-03-10T09:00:00+08:00', endsAt: '2031-03-10T17:00:00+08:00', visibility: 'platform' })
      .expect(201);
    roundtableId = rt.body.id;
    for (const user of [gov, emp1, emp2, emp3, union, absent]) {
      await ctx.http.post(`/api/roundtables/${roundtableId}/participants`).set(facilitator.auth).send({ userId: user.id }).expect(201);
    }
    for (const user of [gov, emp1, emp2, emp3, union]) {
      await ctx.http.patch(`/api/roundtables/${roundtableId}/participants/${user.id}`).set(facilitator.auth).send({ attended: true }).expect(200);
    }
    await ctx.http.patch(`/api/roundtables/${roundtableId}/participants/${absent.id}`).set(facilitator.auth).send({ attended: false }).expect(200);
    await ctx.http.post(`/api/roundtables/${roundtableId}/status`).set(facilitator.auth).send({ status: 'open' }).expect(200);
    channelId = (await ctx.http.get(`/api/channels?kind=roundtable&refId=${roundtableId}`).set(facilitator.auth).expect(200)).body.items[0].id;
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(() => ctx.close());

  it('a tripartite_majority vote: three groups vote from three sockets, a fourth sees the tally live; the employers’ no defeats it, and the decision records why; the redraft passes', async () => {
    const decisionId = await newDecision();
    const [govSocket, empSocket, unionSocket, watcher] = await Promise.all([open(gov), open(emp1), open(union), open(facilitator)]);
    ok(await ack(watcher, 'channel:join', { channelId }));
    const opened = next<VoteEvent>(watcher, 'vote:opened');
    const vote = await openVote({ decisionId, kind: 'yes_no_abstain', ballot: 'open', rule: 'tripartite_majority' });
    expect(vote).toMatchObject({ status: 'open', rule: 'tripartite_majority', ballot: 'open', tallyHidden: false, canManage: true });
    expect((await opened).vote.id).toBe(vote.id);
    expect(groupOf(vote.tally, 'employers').eligible).toBe(3);
    expect(groupOf(vote.tally, 'workers').eligible).toBe(1); // the absent unionist is not eligible

    const tallies = record<TallyEvent>(watcher, 'vote:tally');
    ok(await cast(govSocket, vote.id, ['yes']));
    ok(await cast(empSocket, vote.id, ['no'], 'The levy is too high for small firms'));
    ok(await cast(unionSocket, vote.id, ['yes']));
    await ctx.http
      .post(`/api/votes/${vote.id}/ballot`)
      .set(emp2.auth)
      .send({ choices: ['no'] })
      .expect(200);
    await ctx.http
      .post(`/api/votes/${vote.id}/ballot`)
      .set(emp3.auth)
      .send({ choices: ['yes'] })
      .expect(200);
    // The live tally reaches the fourth socket: the employers' majority is missing.
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline && (tallies.at(-1)?.tally.total.voters ?? 0) < 5) await sleep(20);
    const live = tallies.at(-1)!.tally;
    expect(live.hidden).toBe(false);
    expect(groupOf(live, 'employers')).toMatchObject({ voters: 3, counts: { yes: 1, no: 2, abstain: 0 } });
    expect(groupOf(live, 'government')).toMatchObject({ voters: 1, counts: { yes: 1 } });
    expect(live.total).toEqual({ voters: 5, counts: { yes: 3, no: 2, abstain: 0 } });

    // An open ballot shows who voted what, with the reason.
    const seen = (await ctx.http.get(`/api/votes/${vote.id}`).set(union.auth).expect(200)).body;
    expect(seen.ballots).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ voter: { id: emp1.id, displayName: 'Emp One' }, choices: ['no'], reason: 'The levy is too high for small firms' }),
      ]),
    );
    expect(seen.myBallot).toMatchObject({ choices: ['yes'], changes: 0 });
    expect(seen.canVote).toBe(true);

    const closed = next<VoteEvent>(watcher, 'vote:closed');
    const result = (await ctx.http.post(`/api/votes/${vote.id}/close`).set(facilitator.auth).expect(200)).body;
    expect(result.status).toBe('closed');
    expect(result.outcome).toMatchObject({
      adopted: false,
      reasons: [{ code: 'no_majority', constituency: 'employers', message: 'No majority in the employers group: 1 for, 2 against' }],
    });
    expect((await closed).vote.outcome?.adopted).toBe(false);
    const decisions = (await ctx.http.get(`/api/roundtables/${roundtableId}/decisions`).set(gov.auth).expect(200)).body.items;
    const decision = decisions.find((d: { id: string }) => d.id === decisionId);
    expect(decision.voteResult).toMatchObject({ voteId: vote.id, adopted: false, rule: 'tripartite_majority', reasons: [{ constituency: 'employers' }] });
    expect(groupOf(decision.voteResult.tally, 'employers').counts).toEqual({ yes: 1, no: 2, abstain: 0 });
    const [row] = await ctx.db.query('SELECT vote_result FROM roundtable_decisions WHERE id = $1', [decisionId]);
    expect(row.vote_result.adopted).toBe(false);
    const history = (await ctx.http.get(`/api/roundtables/${roundtableId}/history`).set(facilitator.auth).expect(200)).body.items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(expect.arrayContaining(['roundtable.vote_opened', 'roundtable.vote_closed']));

    // Voting after the close is refused, over REST (409) and the socket (conflict), and changes nothing.
    await ctx.http
      .post(`/api/votes/${vote.id}/ballot`)
      .set(emp1.auth)
      .send({ choices: ['yes'] })
      .expect(409);
    const late = await cast(empSocket, vote.id, ['yes']);
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const [still] = await ctx.db.query('SELECT choices FROM vote_ballots WHERE vote_id = $1 AND voter_id = $2', [vote.id, emp1.id]);
    expect(still.choices).toEqual(['no']);
    await ctx.http.post(`/api/votes/${vote.id}/close`).set(facilitator.auth).expect(409);

    // The redrafted text is put to a vote again and passes.
    await ctx.http
      .patch(`/api/roundtables/${roundtableId}/decisions/${decisionId}`)
      .set(facilitator.auth)
      .send({ text: { en: 'Adopt a skills fund, with a lower levy for small firms' } })
      .expect(200);
    const again = await openVote({ decisionId, kind: 'yes_no_abstain', ballot: 'open', rule: 'tripartite_majority' });
    for (const [socket, choice] of [
      [govSocket, 'yes'],
      [empSocket, 'yes'],
      [unionSocket, 'yes'],
    ] as const) {
      ok(await cast(socket, again.id, [choice]));
    }
    await ctx.http
      .post(`/api/votes/${again.id}/ballot`)
      .set(emp2.auth)
      .send({ choices: ['abstain'] })
      .expect(200);
    const passed = (await ctx.http.post(`/api/votes/${again.id}/close`).set(facilitator.auth).expect(200)).body;
    expect(passed.outcome).toMatchObject({ adopted: true, reasons: [] });
    const [after] = await ctx.db.query('SELECT vote_result FROM roundtable_decisions WHERE id = $1', [decisionId]);
    expect(after.vote_result).toMatchObject({ voteId: again.id, adopted: true });
    // An adopted decision is not put to a vote again.
    await ctx.http
      .post(`/api/roundtables/${roundtableId}/votes`)
      .set(facilitator.auth)
      .send({ decisionId, kind: 'yes_no_abstain', ballot: 'open', rule: 'consensus' })
      .expect(409);
  });

  it('refuses the vote of a non-participant (403), of a participant not present (403), and hides a vote of a hidden roundtable (404)', async () => {
    const vote = await openVote({ decisionId: await newDecision(), kind: 'yes_no_abstain', ballot: 'open', rule: 'simple_majority' });
    const outsiderSocket = await open(outsider);
    expect(await cast(outsiderSocket, vote.id, ['yes'])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await ctx.http
      .post(`/api/votes/${vote.id}/ballot`)
      .set(outsider.auth)
      .send({ choices: ['yes'] })
      .expect(403);
    await ctx.http
      .post(`/api/votes/${vote.id}/ballot`)
      .set(absent.auth)
      .send({ choices: ['yes'] })
      .expect(403);
    // Only facilitators and admins open and close votes.
    await ctx.http.post(`/api/votes/${vote.id}/close`).set(gov.auth).expect(403);
    await ctx.http
      .post(`/api/roundtables/${roundtableId}/votes`)
      .set(gov.auth)
      .send({ decisionId: vote.decisionId, kind: 'consent', ballot: 'open', rule: 'consensus' })
      .expect(403);
    expect(await ctx.count('vote_ballots', 'vote_id = $1', [vote.id])).toBe(0);

    const hidden = await ctx.http
      .post('/api/roundtables')
      .set(facilitator.auth)
      .send({ title: { en: 'Closed caucus' }, startsAt: '2031-04-10T09:00:00+08:00', endsAt: '2031-04-10T17:00:00+08:00', visibility: 'participants' })
      .expect(201);
    await ctx.http.post(`/api/roundtables/${hidden.body.id}/status`).set(facilitator.auth).send({ status: 'open' }).expect(200);
    const d = await ctx.http
      .post(`/api/roundtables/${hidden.body.id}/decisions`)
      .set(facilitator.auth)
      .send({ text: { en: 'x' }, adoption: 'consensus' })
      .expect(201);
    const hiddenVote = (
      await ctx.http
        .post(`/api/roundtables/${hidden.body.id}/votes`)
        .set(facilitator.auth)
        .send({ decisionId: d.body.id, kind: 'yes_no_abstain', ballot: 'open', rule: 'simple_majority' })
        .expect(201)
    ).body;
    await ctx.http.get(`/api/votes/${hiddenVote.id}`).set(outsider.auth).expect(404);
    await ctx.http
      .post(`/api/votes/${hiddenVote.id}/ballot`)
      .set(outsider.auth)
      .send({ choices: ['yes'] })
      .expect(404);
    expect(await cast(outsiderSocket, hiddenVote.id, ['yes'])).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('bad input is a 400 naming the field (socket: validation), and changes nothing', async () => {
    const decisionId = await newDecision();
    const bad = async (body: Body, field: string) => {
      const res = await ctx.http.post(`/api/roundtables/${roundtableId}/votes`).set(facilitator.auth).send(body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    };
    const valid = { decisionId, kind: 'yes_no_abstain', ballot: 'open', rule: 'tripartite_majority' };
    await bad({ ...valid, kind: 'maybe' }, 'kind');
    await bad({ ...valid, rule: 'loudest' }, 'rule');
    await bad({ ...valid, quorumShare: 1.5 }, 'quorumShare');
    await bad({ ...valid, kind: 'choice' }, 'options');
    await bad({ ...valid, decisionId: '00000000-0000-4000-8000-000000000000' }, 'decisionId');
    await bad({ ...valid, closesAt: '2001-01-01T00:00:00Z' }, 'closesAt');
    expect(await ctx.count('votes', 'decision_id = $1', [decisionId])).toBe(0);

    const vote = await openVote(valid);
    const socket = await open(gov);
    const refused = await cast(socket, vote.id, ['perhaps']);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'validation', details: [{ field: 'choices', message: 'choices must be among yes, no, abstain' }] },
    });
    expect(await cast(socket, vote.id, ['yes', 'no'])).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await ack(socket, 'vote:cast', { voteId: 'nope', choices: ['yes'] })).toMatchObject({
      ok: false,
      error: { code: 'validation', details: [{ field: 'voteId' }] },
    });
    expect(await ctx.count('vote_ballots', 'vote_id = $1', [vote.id])).toBe(0);
  });

  it('a changed vote counts once, as changed', async () => {
    const vote = await openVote({ decisionId: await newDecision(), kind: 'consent', ballot: 'open', rule: 'consensus' });
    const socket = await open(union);
    ok(await cast(socket, vote.id, ['agree']));
    const changed = ok(await cast(socket, vote.id, ['block'], 'Night shifts are not covered'));
    expect(changed.ballot).toMatchObject({ choices: ['block'], changes: 1 });
    expect(await ctx.count('vote_ballots', 'vote_id = $1', [vote.id])).toBe(1);
    for (const user of [gov, emp1])
      await ctx.http
        .post(`/api/votes/${vote.id}/ballot`)
        .set(user.auth)
        .send({ choices: ['agree'] })
        .expect(200);
    const closed = (await ctx.http.post(`/api/votes/${vote.id}/close`).set(facilitator.auth).expect(200)).body;
    expect(closed.tally.total).toEqual({ voters: 3, counts: { agree: 2, abstain: 0, disagree: 0, block: 1 } });
    expect(closed.outcome.reasons).toEqual([{ code: 'blocked', constituency: 'workers', message: 'Blocked by 1 of the workers group' }]);
  });

  it('attendance recorded while a vote is open applies to the very next ballot, and to the eligible counts', async () => {
    const vote = await openVote({
      decisionId: await newDecision('Attendance follows the room'),
      kind: 'yes_no_abstain',
      ballot: 'open',
      rule: 'simple_majority',
    });
    const attend = (user: TestUser, attended: boolean) =>
      ctx.http.patch(`/api/roundtables/${roundtableId}/participants/${user.id}`).set(facilitator.auth).send({ attended }).expect(200);
    const [leaving, arriving] = await Promise.all([open(emp3), open(absent)]);
    ok(await cast(leaving, vote.id, ['yes']));
    expect(await cast(arriving, vote.id, ['yes'])).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await attend(emp3, false);
    await attend(absent, true);
    expect(await cast(leaving, vote.id, ['no'])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    ok(await cast(arriving, vote.id, ['no']));
    const view = (await ctx.http.get(`/api/votes/${vote.id}`).set(facilitator.auth).expect(200)).body as { tally: Tally };
    expect(groupOf(view.tally, 'employers').eligible).toBe(2);
    expect(groupOf(view.tally, 'workers').eligible).toBe(2);
    const rows = await ctx.db.query(`SELECT voter_id, choices FROM vote_ballots WHERE vote_id = $1 ORDER BY created_at`, [vote.id]);
    expect(rows).toEqual([
      { voter_id: emp3.id, choices: ['yes'] },
      { voter_id: absent.id, choices: ['no'] },
    ]);
    await ctx.http.post(`/api/votes/${vote.id}/close`).set(facilitator.auth).expect(200);
    await attend(emp3, true);
    await attend(absent, false);
  });

  it('a quorum failure is named: the group that did not vote', async () => {
    const vote = await openVote({ decisionId: await newDecision(), kind: 'yes_no_abstain', ballot: 'open', rule: 'simple_majority', quorumShare: 0.5 });
    await ctx.http
      .post(`/api/votes/${vote.id}/ballot`)
      .set(gov.auth)
      .send({ choices: ['yes'] })
      .expect(200);
    await ctx.http
      .post(`/api/votes/${vote.id}/ballot`)
      .set(emp1.auth)
      .send({ choices: ['yes'] })
      .expect(200);
    await ctx.http
      .post(`/api/votes/${vote.id}/ballot`)
      .set(emp2.auth)
      .send({ choices: ['no'] })
      .expect(200);
    const closed = (await ctx.http.post(`/api/votes/${vote.id}/close`).set(facilitator.auth).expect(200)).body;
    expect(closed.outcome.adopted).toBe(false);
    expect(closed.outcome.quorum.failed).toEqual(['workers']);
    expect(closed.outcome.reasons).toEqual([
      { code: 'quorum_failed', constituency: 'workers', message: 'Quorum failed: 0 of 1 eligible in the workers group voted, 1 needed' },
    ]);
  });

  it('a secret ballot never reveals a choice, in any response or event, not even to admins', async () => {
    const decisionId = await newDecision();
    const [govSocket, empSocket, unionSocket, watcher, adminSocket] = await Promise.all([open(gov), open(emp1), open(union), open(facilitator), open(admin)]);
    const seen: unknown[] = [];
    for (const socket of [govSocket, empSocket, unionSocket, watcher, adminSocket]) {
      ok(await ack(socket, 'channel:join', { channelId }));
      socket.onAny((event: string, payload: unknown) => seen.push({ event, payload }));
    }
    const vote = await openVote({ decisionId, kind: 'yes_no_abstain', ballot: 'secret', rule: 'tripartite_majority' });
    expect(vote.tallyHidden).toBe(true);
    seen.push(vote);
    seen.push(await cast(govSocket, vote.id, ['yes']));
    seen.push(await cast(empSocket, vote.id, ['no']));
    seen.push(await cast(unionSocket, vote.id, ['yes']));
    seen.push(
      (
        await ctx.http
          .post(`/api/votes/${vote.id}/ballot`)
          .set(emp2.auth)
          .send({ choices: ['abstain'] })
          .expect(200)
      ).body,
    );
    // A reason could tell how someone voted: not taken.
    await ctx.http
      .post(`/api/votes/${vote.id}/ballot`)
      .set(emp3.auth)
      .send({ choices: ['no'], reason: 'I object' })
      .expect(400);
    await sleep(200);
    for (const user of [admin, facilitator, gov, emp1]) {
      seen.push((await ctx.http.get(`/api/votes/${vote.id}`).set(user.auth).expect(200)).body);
      seen.push((await ctx.http.get(`/api/roundtables/${roundtableId}/votes`).set(user.auth).expect(200)).body);
    }
    const whileOpen = (await ctx.http.get(`/api/votes/${vote.id}`).set(admin.auth).expect(200)).body;
    expect(whileOpen.tally.hidden).toBe(true);
    expect(whileOpen.tally.total).toEqual({ voters: 4, counts: {} });
    expect(whileOpen.ballots).toHaveLength(4);
    const closedEvent = next<VoteEvent>(watcher, 'vote:closed');
    seen.push((await ctx.http.post(`/api/votes/${vote.id}/close`).set(facilitator.auth).expect(200)).body);
    await closedEvent;
    seen.push((await ctx.http.get(`/api/votes/${vote.id}`).set(admin.auth).expect(200)).body);
    seen.push((await ctx.http.get(`/api/roundtables/${roundtableId}/history`).set(admin.auth).expect(200)).body);
    seen.push((await ctx.http.get(`/api/roundtables/${roundtableId}/decisions`).set(admin.auth).expect(200)).body);
    await sleep(100);

    // Who voted is recorded (four ballots); how, nowhere: every "choices" anywhere is null, no ballot names a choice.
    const text = JSON.stringify(seen);
    expect(seen.some((s) => (s as { event?: string }).event === 'vote:tally')).toBe(true);
    expect(text).not.toMatch(/"choices":\[/);
    expect(text).toMatch(/"choices":null/);
    const closed = (await ctx.http.get(`/api/votes/${vote.id}`).set(admin.auth).expect(200)).body;
    for (const ballot of closed.ballots) expect(Object.keys(ballot).sort()).toEqual(['choices', 'constituency', 'reason', 'updatedAt', 'voter']);
    expect(closed.ballots.every((b: { choices: unknown }) => b.choices === null)).toBe(true);
    // After the close, the counts (not who) are published.
    expect(closed.tally.total).toEqual({ voters: 4, counts: { yes: 2, no: 1, abstain: 1 } });
    expect(closed.outcome).toMatchObject({
      adopted: false,
      reasons: [{ code: 'no_majority', constituency: 'employers', message: 'No majority in the employers group: 0 for, 1 against' }],
    });
  });

  it('a hidden tally shows only the turnout until the vote closes', async () => {
    const vote = await openVote({
      decisionId: await newDecision(),
      kind: 'yes_no_abstain',
      ballot: 'open',
      rule: 'simple_majority',
      hideTallyUntilClose: true,
    });
    const watcher = await open(facilitator);
    ok(await ack(watcher, 'channel:join', { channelId }));
    const tally = next<TallyEvent>(watcher, 'vote:tally', (e) => e.voteId === vote.id);
    await ctx.http
      .post(`/api/votes/${vote.id}/ballot`)
      .set(gov.auth)
      .send({ choices: ['no'] })
      .expect(200);
    expect((await tally).tally).toMatchObject({ hidden: true, total: { voters: 1, counts: {} } });
    const read = (await ctx.http.get(`/api/votes/${vote.id}`).set(union.auth).expect(200)).body;
    expect(read.ballots).toEqual([expect.objectContaining({ voter: { id: gov.id, displayName: 'Gov Zhang' }, choices: null })]);
    const closed = (await ctx.http.post(`/api/votes/${vote.id}/close`).set(facilitator.auth).expect(200)).body;
    expect(closed.tally).toMatchObject({ hidden: false, total: { voters: 1, counts: { yes: 0, no: 1, abstain: 0 } } });
    expect(closed.ballots[0].choices).toEqual(['no']);
  });

  it('a vote closes by itself at its closing time', async () => {
    const vote = await openVote({
      decisionId: await newDecision(),
      kind: 'choice',
      options: [{ label: { en: 'Fund A' } }, { label: { en: 'Fund B' } }],
      maxChoices: 2,
      ballot: 'open',
      rule: 'tripartite_majority',
      closesAt: new Date(Date.now() + 1_500).toISOString(),
    });
    expect(vote.options).toEqual([
      { key: '1', label: { en: 'Fund A' } },
      { key: '2', label: { en: 'Fund B' } },
    ]);
    for (const user of [gov, emp1, union])
      await ctx.http
        .post(`/api/votes/${vote.id}/ballot`)
        .set(user.auth)
        .send({ choices: ['1', '2'] })
        .expect(200);
    await sleep(1_600);
    await ctx.http
      .post(`/api/votes/${vote.id}/ballot`)
      .set(emp2.auth)
      .send({ choices: ['1'] })
      .expect(409);
    let status = 'open';
    const deadline = Date.now() + 10_000;
    while (status === 'open' && Date.now() < deadline) {
      await sleep(250);
      status = (await ctx.http.get(`/api/votes/${vote.id}`).set(gov.auth).expect(200)).body.status;
    }
    const closed = (await ctx.http.get(`/api/votes/${vote.id}`).set(gov.auth).expect(200)).body;
    expect(closed).toMatchObject({ status: 'closed', closedBy: null, outcome: { adopted: true, carried: ['1', '2'] } });
  });
});

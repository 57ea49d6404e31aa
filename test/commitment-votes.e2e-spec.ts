import type { AddressInfo } from 'node:net';
import { TestContext, type TestUser } from './support/context';
import { ack, type ClientSocket, connect, next, ok, record, sleep } from './support/sockets';

type Tally = {
  hidden: boolean;
  total: { voters: number; counts: Record<string, number> };
  byConstituency: { constituency: string; voters: number; eligible: number; counts: Record<string, number> }[];
};
type TallyEvent = { voteId: string; actionItemId: string | null; roundtableId: string | null; tally: Tally };
type VoteEvent = { vote: { id: string; target: string; actionItemId: string | null; status: string; outcome: { adopted: boolean } | null } };

const groupOf = (tally: Tally, constituency: string) => tally.byConstituency.find((g) => g.constituency === constituency)!;

describe('votes on a commitment, between meetings: the organizations that lead or support it vote', () => {
  let ctx: TestContext;
  let url: string;
  let facilitator: TestUser;
  let admin: TestUser;
  let gov: TestUser;
  let emp1: TestUser;
  let emp2: TestUser;
  let union: TestUser;
  let unionObserver: TestUser;
  let outsider: TestUser;
  let roadmapId: string;
  let actionItemId: string;
  let channelId: string;
  const sockets: ClientSocket[] = [];

  const open = async (user: TestUser) => {
    const socket = await connect(url, user.token);
    sockets.push(socket);
    return socket;
  };
  const newCommitment = async (title: string) =>
    (
      await ctx.http
        .post('/api/action-items')
        .set(facilitator.auth)
        .send({
          roadmapId,
          title: { en: title },
          leadOrganizationId: gov.organizationId,
          supportingOrganizationIds: [emp1.organizationId, union.organizationId],
          policyArea: 'skills',
        })
        .expect(201)
    ).body.id as string;
  const openVote = async (itemId: string, body: Record<string, unknown>) =>
    (await ctx.http.post(`/api/commitments/${itemId}/votes`).set(facilitator.auth).send(body).expect(201)).body;
  const cast = (socket: ClientSocket, voteId: string, choices: string[]) =>
    ack<{ ballot: { choices: string[] | null } }>(socket, 'vote:cast', { voteId, choices });

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
    union = await ctx.newUser({ constituency: 'workers', name: 'Union Wang' });
    unionObserver = await ctx.newUser({ role: 'observer', organizationId: union.organizationId });
    outsider = await ctx.newUser({ constituency: 'workers', name: 'Other Union' });
    roadmapId = (
      await ctx.http
        .post('/api/roadmaps')
        .set(facilitator.auth)
        .send({ title: { en: 'Green jobs roadmap' }, periodStart: 2020, periodEnd: 2025, ownerOrganizationId: gov.organizationId })
        .expect(201)
    ).body.id;
    actionItemId = await newCommitment('Skills fund for park workers');
    channelId = (await ctx.http.get(`/api/channels?kind=action_item&refId=${actionItemId}`).set(facilitator.auth).expect(200)).body.items[0].id;
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(() => ctx.close());

  it('members of the three groups vote from three sockets, a fourth sees the tally live in the commitment’s room; the outcome is written onto the commitment', async () => {
    const [govSocket, empSocket, unionSocket, watcher] = await Promise.all([open(gov), open(emp1), open(union), open(outsider)]);
    ok(await ack(watcher, 'channel:join', { channelId }));
    const opened = next<VoteEvent>(watcher, 'vote:opened');
    const vote = await openVote(actionItemId, { kind: 'yes_no_abstain', ballot: 'open', rule: 'tripartite_majority' });
    expect(vote).toMatchObject({ target: 'commitment', actionItemId, roundtableId: null, decisionId: null, status: 'open', canManage: true });
    expect((await opened).vote).toMatchObject({ id: vote.id, target: 'commitment', actionItemId });
    // The electorate: members (not observers) of the lead and supporting organizations.
    expect(groupOf(vote.tally, 'government').eligible).toBe(1);
    expect(groupOf(vote.tally, 'employers').eligible).toBe(2);
    expect(groupOf(vote.tally, 'workers').eligible).toBe(1);

    const tallies = record<TallyEvent>(watcher, 'vote:tally');
    ok(await cast(govSocket, vote.id, ['yes']));
    ok(await cast(empSocket, vote.id, ['yes']));
    ok(await cast(unionSocket, vote.id, ['no']));
    await ctx.http
      .post(`/api/votes/${vote.id}/ballot`)
      .set(emp2.auth)
      .send({ choices: ['yes'], reason: 'Good for small firms' })
      .expect(200);
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline && (tallies.at(-1)?.tally.total.voters ?? 0) < 4) await sleep(20);
    const live = tallies.at(-1)!;
    expect(live).toMatchObject({ voteId: vote.id, actionItemId, roundtableId: null });
    expect(groupOf(live.tally, 'workers')).toMatchObject({ voters: 1, counts: { yes: 0, no: 1, abstain: 0 } });
    expect(live.tally.total).toEqual({ voters: 4, counts: { yes: 3, no: 1, abstain: 0 } });

    const listed = (await ctx.http.get(`/api/commitments/${actionItemId}/votes`).set(outsider.auth).expect(200)).body.items;
    expect(listed.map((v: { id: string }) => v.id)).toEqual([vote.id]);
    const mine = (await ctx.http.get(`/api/votes/${vote.id}`).set(union.auth).expect(200)).body;
    expect(mine).toMatchObject({ canVote: true, canManage: false, myBallot: { choices: ['no'] } });

    // Only staff close it; the workers' no defeats it under tripartite_majority.
    await ctx.http.post(`/api/votes/${vote.id}/close`).set(gov.auth).expect(403);
    const closedEvent = next<VoteEvent>(watcher, 'vote:closed');
    const closed = (await ctx.http.post(`/api/votes/${vote.id}/close`).set(facilitator.auth).expect(200)).body;
    expect(closed.outcome).toMatchObject({ adopted: false, reasons: [{ code: 'no_majority', constituency: 'workers' }] });
    expect((await closedEvent).vote).toMatchObject({ id: vote.id, status: 'closed', outcome: { adopted: false } });

    const item = (await ctx.http.get(`/api/action-items/${actionItemId}`).set(gov.auth).expect(200)).body;
    expect(item.voteResult).toMatchObject({ voteId: vote.id, adopted: false, rule: 'tripartite_majority', reasons: [{ constituency: 'workers' }] });
    expect(groupOf(item.voteResult.tally, 'employers').counts).toEqual({ yes: 2, no: 0, abstain: 0 });
    const [row] = await ctx.db.query('SELECT vote_result FROM action_items WHERE id = $1', [actionItemId]);
    expect(row.vote_result).toMatchObject({ voteId: vote.id, adopted: false });
    const history = (await ctx.http.get(`/api/action-items/${actionItemId}/history`).set(gov.auth).expect(200)).body.items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(expect.arrayContaining(['action_item.vote_opened', 'action_item.vote_closed']));

    // After the close: 409, over REST and the socket, and nothing changes.
    await ctx.http
      .post(`/api/votes/${vote.id}/ballot`)
      .set(union.auth)
      .send({ choices: ['yes'] })
      .expect(409);
    expect(await cast(unionSocket, vote.id, ['yes'])).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // A second vote passes, and the commitment then records that one.
    const again = await openVote(actionItemId, { kind: 'consent', ballot: 'open', rule: 'consensus' });
    for (const user of [gov, emp1, union])
      await ctx.http
        .post(`/api/votes/${again.id}/ballot`)
        .set(user.auth)
        .send({ choices: ['agree'] })
        .expect(200);
    expect((await ctx.http.post(`/api/votes/${again.id}/close`).set(admin.auth).expect(200)).body.outcome.adopted).toBe(true);
    const [after] = await ctx.db.query('SELECT vote_result FROM action_items WHERE id = $1', [actionItemId]);
    expect(after.vote_result).toMatchObject({ voteId: again.id, adopted: true });
  });

  it('refuses the vote of someone outside the organizations, and of an observer of one (403); only staff open votes; a missing commitment is 404', async () => {
    const itemId = await newCommitment('Safety audits in every park');
    const vote = await openVote(itemId, { kind: 'yes_no_abstain', ballot: 'open', rule: 'simple_majority' });
    const outsiderSocket = await open(outsider);
    expect(await cast(outsiderSocket, vote.id, ['yes'])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await ctx.http
      .post(`/api/votes/${vote.id}/ballot`)
      .set(outsider.auth)
      .send({ choices: ['yes'] })
      .expect(403);
    await ctx.http
      .post(`/api/votes/${vote.id}/ballot`)
      .set(unionObserver.auth)
      .send({ choices: ['yes'] })
      .expect(403);
    await ctx.http
      .post(`/api/votes/${vote.id}/ballot`)
      .set(facilitator.auth)
      .send({ choices: ['yes'] })
      .expect(403);
    expect(await ctx.count('vote_ballots', 'vote_id = $1', [vote.id])).toBe(0);
    expect((await ctx.http.get(`/api/votes/${vote.id}`).set(outsider.auth).expect(200)).body.canVote).toBe(false);

    await ctx.http.post(`/api/commitments/${itemId}/votes`).set(gov.auth).send({ kind: 'yes_no_abstain', ballot: 'open', rule: 'simple_majority' }).expect(403);
    // One open vote at a time.
    await ctx.http
      .post(`/api/commitments/${itemId}/votes`)
      .set(facilitator.auth)
      .send({ kind: 'yes_no_abstain', ballot: 'open', rule: 'simple_majority' })
      .expect(409);
    const missing = '00000000-0000-4000-8000-000000000000';
    await ctx.http
      .post(`/api/commitments/${missing}/votes`)
      .set(facilitator.auth)
      .send({ kind: 'yes_no_abstain', ballot: 'open', rule: 'simple_majority' })
      .expect(404);
    await ctx.http.get(`/api/commitments/${missing}/votes`).set(gov.auth).expect(404);
    const bad = await ctx.http
      .post(`/api/commitments/${itemId}/votes`)
      .set(facilitator.auth)
      .send({ kind: 'maybe', ballot: 'open', rule: 'consensus' })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['kind']);
    expect(await ctx.count('votes', 'action_item_id = $1', [itemId])).toBe(1);
  });

  it('a secret ballot on a commitment never reveals a choice, in any response or event', async () => {
    const itemId = await newCommitment('Night-shift allowance');
    const room = (await ctx.http.get(`/api/channels?kind=action_item&refId=${itemId}`).set(facilitator.auth).expect(200)).body.items[0].id;
    const [govSocket, empSocket, unionSocket, adminSocket] = await Promise.all([open(gov), open(emp1), open(union), open(admin)]);
    const seen: unknown[] = [];
    for (const socket of [govSocket, empSocket, unionSocket, adminSocket]) {
      ok(await ack(socket, 'channel:join', { channelId: room }));
      socket.onAny((event: string, payload: unknown) => seen.push({ event, payload }));
    }
    const vote = await openVote(itemId, { kind: 'yes_no_abstain', ballot: 'secret', rule: 'tripartite_majority' });
    seen.push(vote);
    seen.push(await cast(govSocket, vote.id, ['yes']));
    seen.push(await cast(empSocket, vote.id, ['no']));
    seen.push(await cast(unionSocket, vote.id, ['yes']));
    await sleep(200);
    for (const user of [admin, facilitator, gov, emp1]) {
      seen.push((await ctx.http.get(`/api/votes/${vote.id}`).set(user.auth).expect(200)).body);
      seen.push((await ctx.http.get(`/api/commitments/${itemId}/votes`).set(user.auth).expect(200)).body);
    }
    const closedEvent = next<VoteEvent>(adminSocket, 'vote:closed');
    seen.push((await ctx.http.post(`/api/votes/${vote.id}/close`).set(facilitator.auth).expect(200)).body);
    await closedEvent;
    seen.push((await ctx.http.get(`/api/votes/${vote.id}`).set(admin.auth).expect(200)).body);
    seen.push((await ctx.http.get(`/api/action-items/${itemId}`).set(admin.auth).expect(200)).body);
    seen.push((await ctx.http.get(`/api/action-items/${itemId}/history`).set(admin.auth).expect(200)).body);
    const text = JSON.stringify(seen);
    expect(seen.some((s) => (s as { event?: string }).event === 'vote:tally')).toBe(true);
    expect(text).not.toMatch(/"choices":\[/);
    expect(text).toMatch(/"choices":null/);
    const closed = (await ctx.http.get(`/api/votes/${vote.id}`).set(admin.auth).expect(200)).body;
    expect(closed.ballots).toHaveLength(3);
    expect(closed.tally.total).toEqual({ voters: 3, counts: { yes: 2, no: 1, abstain: 0 } });
    expect(closed.outcome).toMatchObject({ adopted: false, reasons: [{ code: 'no_majority', constituency: 'employers' }] });
  });

  it('no vote is held on a dropped commitment (409)', async () => {
    const itemId = await newCommitment('A levy nobody wanted');
    await ctx.http.post(`/api/action-items/${itemId}/status`).set(facilitator.auth).send({ status: 'dropped', reason: 'Superseded' }).expect(200);
    await ctx.http
      .post(`/api/commitments/${itemId}/votes`)
      .set(facilitator.auth)
      .send({ kind: 'yes_no_abstain', ballot: 'open', rule: 'simple_majority' })
      .expect(409);
  });
});

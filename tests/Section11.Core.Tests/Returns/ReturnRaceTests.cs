using Microsoft.EntityFrameworkCore;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Returns;

/// <summary>
/// Two people acting on one return at the same instant, each through its own connection, fired many times. Whatever
/// the interleaving, the stored return must be one that some order of the two requests could have produced, and a
/// request that lost must have been told so.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class ReturnRaceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const int Trials = 20;
    private const string RaceEvidence = "Typed during the race";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 30, 0, TimeSpan.Zero);
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(Now);

    private ReturnService Service(Section11DbContext db) => new(db, _catalog, _time);

    private static SignOffInput Declaration(string name) => new(name, "Chief Nurse", "Trust", new DateInput("22", "11", "2026"), true);

    /// <summary>A return with every standard rated good, optionally sent for sign-off; and the standard-1 form version.</summary>
    private async Task<(int ReturnId, string User, Standard First, int Version)> CompleteReturnAsync(bool sendForSignOff)
    {
        await using var db = database.CreateContext();
        var created = await TestData.CreateReturnAsync(db, "masa-2018");
        var user = await TestData.CreateUserAsync(db, created.AgencyId, name: "Priya Shah");
        var framework = await _catalog.GetAsync(db, created.FrameworkVersionId);
        var service = Service(db);
        foreach (var standard in framework.Standards)
        {
            var input = new StandardInput(0, [.. standard.Items.Select(i => new AnswerValues(i.Id, "good", $"Evidence for {i.Number}", null, DateInput.Empty))],
                new EvaluationValues("good", "We meet this standard."));
            Assert.Equal(SaveOutcome.Saved, (await service.SaveStandardAsync((await service.GetSummaryAsync(created.ReturnId))!, standard.Number, input, complete: true, user)).Outcome);
        }

        if (sendForSignOff)
        {
            Assert.Empty(await service.SendForSignOffAsync(created.ReturnId, user));
        }

        var first = framework.Standards.OrderBy(s => s.Number).First();
        var version = await db.StandardEvaluations.Where(e => e.ReturnId == created.ReturnId && e.StandardId == first.Id).Select(e => e.Version).SingleAsync();
        return (created.ReturnId, user, first, version);
    }

    /// <summary>"Save and come back later" on standard 1 with its first item's rating cleared: the return stops being complete.</summary>
    private static StandardInput Unrate(Standard standard, int version) =>
        new(version, [.. standard.Items.Select((i, n) => new AnswerValues(i.Id, n == 0 ? null : "good", n == 0 ? RaceEvidence : $"Evidence for {i.Number}", null, DateInput.Empty))],
            new EvaluationValues("good", "We meet this standard."));

    /// <summary>Runs both at once: each has its own context with its connection open, and both wait on one gate.</summary>
    private async Task<(TA A, TB B)> FireAsync<TA, TB>(Func<ReturnService, Task<TA>> a, Func<ReturnService, Task<TB>> b)
    {
        await using var dbA = database.CreateContext();
        await using var dbB = database.CreateContext();
        await dbA.Database.OpenConnectionAsync();
        await dbB.Database.OpenConnectionAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ta = Task.Run(async () => { await gate.Task; return await a(Service(dbA)); });
        var tb = Task.Run(async () => { await gate.Task; return await b(Service(dbB)); });
        gate.SetResult();
        return (await ta, await tb);
    }

    private async Task<(Return Return, List<Answer> Answers, List<(string? Old, string? New)> Statuses)> StoredAsync(int returnId)
    {
        await using var db = database.CreateContext();
        var stored = await db.Returns.AsNoTracking().SingleAsync(r => r.Id == returnId);
        var answers = await db.Answers.AsNoTracking().Where(a => a.ReturnId == returnId).ToListAsync();
        var statuses = await db.ChangeLog.AsNoTracking().Where(c => c.ReturnId == returnId && c.EntityType == "Return" && c.Field == "Status")
            .OrderBy(c => c.Id).Select(c => new { c.OldValue, c.NewValue }).ToListAsync();
        return (stored, answers, [.. statuses.Select(s => (s.OldValue, s.NewValue))]);
    }

    /// <summary>The logged status changes must chain: each starts where the one before ended, and the last is the stored status.</summary>
    private static void AssertStatusChain(Return stored, List<(string? Old, string? New)> statuses, int trial)
    {
        for (var i = 1; i < statuses.Count; i++)
        {
            Assert.True(statuses[i].Old == statuses[i - 1].New, $"trial {trial}: status change {i} starts from {statuses[i].Old}, but the one before ended at {statuses[i - 1].New}");
        }

        Assert.True(stored.Status.ToString() == statuses[^1].New, $"trial {trial}: stored {stored.Status}, last logged {statuses[^1].New}");
        Assert.True((stored.SignOff is not null) == (stored.Status == ReturnStatus.Submitted), $"trial {trial}: {stored.Status} with a declaration: {stored.SignOff is not null}");
    }

    [Fact]
    public async Task Withdraw_and_sign_off_at_the_same_instant_leave_a_return_one_of_them_made()
    {
        for (var trial = 0; trial < Trials; trial++)
        {
            var (returnId, user, _, _) = await CompleteReturnAsync(sendForSignOff: true);
            var (withdraw, signOff) = await FireAsync(s => s.WithdrawAsync(returnId, user), s => s.SubmitAsync(returnId, Declaration("Dr Amy Lee"), user));

            var (stored, _, statuses) = await StoredAsync(returnId);
            AssertStatusChain(stored, statuses, trial);
            Assert.True(withdraw.Count == 0 || signOff.Count == 0, $"trial {trial}: neither won");
            // The signatory may sign the withdrawn draft after it was taken back, so both can win; the sign-off is then last.
            Assert.Equal(signOff.Count == 0 ? ReturnStatus.Submitted : ReturnStatus.Draft, stored.Status);
        }
    }

    [Fact]
    public async Task Two_sign_offs_at_the_same_instant_accept_exactly_one_declaration()
    {
        for (var trial = 0; trial < Trials; trial++)
        {
            var (returnId, user, _, _) = await CompleteReturnAsync(sendForSignOff: true);
            var (first, second) = await FireAsync(s => s.SubmitAsync(returnId, Declaration("Dr Amy Lee"), user), s => s.SubmitAsync(returnId, Declaration("Dr Ben Okafor"), user));

            var (stored, _, statuses) = await StoredAsync(returnId);
            AssertStatusChain(stored, statuses, trial);
            Assert.True((first.Count == 0) != (second.Count == 0), $"trial {trial}: winners {(first.Count == 0 ? 1 : 0) + (second.Count == 0 ? 1 : 0)}");
            Assert.Equal(first.Count == 0 ? "Dr Amy Lee" : "Dr Ben Okafor", stored.SignOff!.SignatoryName);
            Assert.Single(statuses, s => s.New == nameof(ReturnStatus.Submitted));
        }
    }

    [Fact]
    public async Task A_standard_save_racing_send_for_sign_off_never_changes_frozen_answers()
    {
        for (var trial = 0; trial < Trials; trial++)
        {
            var (returnId, user, first, version) = await CompleteReturnAsync(sendForSignOff: false);
            var (save, send) = await FireAsync(async s => await s.SaveStandardAsync((await s.GetSummaryAsync(returnId))!, first.Number, Unrate(first, version), complete: false, user), s => s.SendForSignOffAsync(returnId, user));

            var (stored, answers, statuses) = await StoredAsync(returnId);
            AssertRaceWithSave(stored, answers, statuses, save, send, ReturnStatus.AwaitingSignOff, trial);
        }
    }

    [Fact]
    public async Task A_standard_save_racing_sign_off_never_changes_submitted_answers()
    {
        for (var trial = 0; trial < Trials; trial++)
        {
            var (returnId, user, first, version) = await CompleteReturnAsync(sendForSignOff: false);
            var (save, signOff) = await FireAsync(async s => await s.SaveStandardAsync((await s.GetSummaryAsync(returnId))!, first.Number, Unrate(first, version), complete: false, user),
                s => s.SubmitAsync(returnId, Declaration("Dr Amy Lee"), user));

            var (stored, answers, statuses) = await StoredAsync(returnId);
            AssertRaceWithSave(stored, answers, statuses, save, signOff, ReturnStatus.Submitted, trial);
        }
    }

    /// <summary>
    /// The save makes the return incomplete, so exactly one can win: a frozen return keeps every answer as it was
    /// (all rated), and a save that was acknowledged is the one stored on a return still open.
    /// </summary>
    private static void AssertRaceWithSave(Return stored, List<Answer> answers, List<(string? Old, string? New)> statuses,
        SaveStandardResult save, IReadOnlyList<FieldError> change, ReturnStatus frozen, int trial)
    {
        var saved = save.Outcome == SaveOutcome.Saved;
        Assert.True(saved != (change.Count == 0), $"trial {trial}: save {save.Outcome}, status change {(change.Count == 0 ? "won" : change[0].Message)}");
        if (saved)
        {
            Assert.Equal(ReturnStatus.Draft, stored.Status);
            Assert.Contains(answers, a => a.ActualEvidence == RaceEvidence && a.Rating is null);
        }
        else
        {
            Assert.Equal(frozen, stored.Status);
            Assert.All(answers, a => Assert.Equal("good", a.Rating));
            Assert.DoesNotContain(answers, a => a.ActualEvidence == RaceEvidence);
        }

        if (statuses.Count > 0)
        {
            AssertStatusChain(stored, statuses, trial);
        }
    }
}

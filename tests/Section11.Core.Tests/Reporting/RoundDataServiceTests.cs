using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Reporting;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Reporting;

public sealed class RoundDataServiceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly FrameworkCatalog _catalog = new();

    [Fact]
    public async Task Loads_every_return_answer_and_evaluation_of_the_round_with_or_without_text()
    {
        await using var db = database.CreateContext();
        var data = await ReportingTestData.CreateAsync(db);
        var service = new RoundDataService(db, _catalog, new FixedTime(ReportingTestData.Now));

        var round = (await service.LoadAsync(data.RoundId, withText: true))!;

        Assert.Equal("Section 11 audit 2026", round.Round.Title);
        Assert.Equal(
            ["Alder Hospital Trust", "Birch Police", "Cedar Council", "Damson Young Carers", "Elm Surgery"],
            round.Returns.Select(r => r.AgencyName.Replace($" {data.Suffix}", "", StringComparison.Ordinal)));
        Assert.Equal([true, true, true, true, false], round.Returns.Select(r => r.IsSubmitted));
        Assert.Equal(TrackerStatus.Overdue, round.Returns[4].TrackerStatus);
        var item42 = round.Standards.Single(s => s.Number == 4).Items.Single(i => i.Number == "4.2");
        Assert.Equal(["requires-improvement", "inadequate", "requires-improvement", "good", null],
            round.Returns.Select(r => round.Answer(r.ReturnId, item42.Id)?.Rating));
        Assert.Equal("Evidence for 4.2", round.Answer(round.Returns[0].ReturnId, item42.Id)!.ActualEvidence);
        Assert.Equal("Statement for standard 4", round.Evaluation(round.Returns[0].ReturnId, item42.StandardId)!.Statement);

        var ratingsOnly = (await service.LoadAsync(data.RoundId, withText: false))!;
        Assert.Equal("inadequate", ratingsOnly.Answer(round.Returns[1].ReturnId, item42.Id)!.Rating);
        Assert.Null(ratingsOnly.Answer(round.Returns[1].ReturnId, item42.Id)!.ActualEvidence);
        Assert.Null(await service.LoadAsync(int.MaxValue, withText: false));

        // One agency's report reads one return; the dashboard reads evaluations without the answers.
        var birch = (await service.LoadAsync(data.RoundId, withText: true, returnId: data.ReturnIds["Birch Police"]))!;
        Assert.Equal([data.ReturnIds["Birch Police"]], birch.Returns.Select(r => r.ReturnId));
        Assert.Equal("Evidence for 4.2", birch.Answer(data.ReturnIds["Birch Police"], item42.Id)!.ActualEvidence);
        Assert.Null(birch.Answer(data.ReturnIds["Alder Hospital Trust"], item42.Id));
        var evaluationsOnly = (await service.LoadAsync(data.RoundId, withText: false, withAnswers: false))!;
        Assert.Null(evaluationsOnly.Answer(round.Returns[1].ReturnId, item42.Id));
        Assert.Equal("requires-improvement", evaluationsOnly.Evaluation(round.Returns[0].ReturnId, item42.StandardId)!.Rating);
    }
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Returns;

/// <summary>The conflict page must show one consistent moment: the answers it shows are the ones at the version it carries.</summary>
[Trait("Category", "Reliability")]
public sealed class StandardSnapshotTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly FrameworkCatalog _catalog = new();
    private readonly FixedTime _time = new(new DateTimeOffset(2026, 11, 22, 10, 30, 0, TimeSpan.Zero));

    private static StandardInput Input(Standard standard, int version, string evidence) =>
        new(version, [.. standard.Items.Select(i => new AnswerValues(i.Id, "good", evidence, null, DateInput.Empty))], new EvaluationValues("good", "We meet this standard."));

    /// <summary>Once a statement that reads answers has run, the next statement waits until a colleague's save has committed.</summary>
    private sealed class SaveBetweenStatements(Func<Task> save) : DbCommandInterceptor
    {
        private bool _answersRead;
        private bool _saved;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (_answersRead && !_saved)
            {
                _saved = true;
                await save();
            }

            _answersRead |= command.CommandText.Contains("\"Answers\"", StringComparison.Ordinal);
            return result;
        }
    }

    [Fact]
    public async Task A_save_landing_while_the_standard_is_read_never_pairs_old_answers_with_the_new_version()
    {
        int returnId;
        string user;
        FrameworkVersion framework;
        await using (var db = database.CreateContext())
        {
            var created = await TestData.CreateReturnAsync(db, "masa-2018");
            returnId = created.ReturnId;
            user = await TestData.CreateUserAsync(db, created.AgencyId);
            framework = await _catalog.GetAsync(db, created.FrameworkVersionId);
            Assert.Equal(SaveOutcome.Saved, (await Save(db, returnId, 1, Input(framework.Standards[0], 0, "First"), complete: true, user)).Outcome);
        }

        var standard = framework.Standards.Single(s => s.Number == 1);
        var colleague = async () =>
        {
            await using var other = database.CreateContext();
            Assert.Equal(SaveOutcome.Saved, (await Save(other, returnId, 1, Input(standard, 1, "Second"), complete: true, user)).Outcome);
        };
        var options = new DbContextOptionsBuilder<Section11DbContext>();
        database.Settings.Configure(options);
        options.AddInterceptors(new SaveBetweenStatements(colleague));
        await using var reading = new Section11DbContext(options.Options);
        var service = new ReturnService(reading, _catalog, _time);

        var view = (await service.GetStandardAsync((await service.GetSummaryAsync(returnId))!, 1))!;

        var expected = view.Evaluation.Version == 1 ? "First" : "Second";
        Assert.All(view.Answers, a => Assert.Equal(expected, a.ActualEvidence));
    }

    /// <summary>A save as the standard page makes it: the return's summary, then the save.</summary>
    private async Task<SaveStandardResult> Save(Section11.Core.Data.Section11DbContext db, int returnId, int number, StandardInput input, bool complete, string user)
    {
        var service = new ReturnService(db, _catalog, _time);
        return await service.SaveStandardAsync((await service.GetSummaryAsync(returnId))!, number, input, complete, user);
    }
}

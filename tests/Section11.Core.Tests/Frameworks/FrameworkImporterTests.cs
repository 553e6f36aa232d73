using Microsoft.EntityFrameworkCore;
using Section11.Core.Frameworks;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Frameworks;

/// <summary>Loading framework files into the database (SQLite or PostgreSQL): idempotent, and published versions never change.</summary>
public sealed class FrameworkImporterTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static string ValidFile(string name) => Path.Combine(AppContext.BaseDirectory, "Frameworks", "Valid", name);

    private static FrameworkDefinition Load(string path) => FrameworkLoader.LoadFile(path).Definition!;

    [Fact]
    public async Task Loading_the_seed_frameworks_again_changes_nothing()
    {
        await using var db = database.CreateContext();
        var before = await db.Items.CountAsync();

        var results = await new FrameworkImporter(db, TimeProvider.System).ImportDirectoryAsync(RepoPaths.Frameworks);

        Assert.Equal(["masa-2018", "primary-care-2014"], results.Select(r => r.Id));
        Assert.All(results, r => Assert.Equal(FrameworkImportOutcome.Unchanged, r.Outcome));
        Assert.Equal(before, await db.Items.CountAsync());
        Assert.Equal(59, await db.Items.CountAsync(i => db.Standards.Any(s => s.Id == i.StandardId && db.FrameworkVersions.Any(f => f.Id == s.FrameworkVersionId && f.FrameworkKey == "primary-care-2014"))));
    }

    [Fact]
    public async Task A_changed_file_under_a_published_version_is_refused_and_the_published_text_stays()
    {
        var path = Path.Combine(RepoPaths.Frameworks, "masa-2018.yaml");
        var original = Load(path);
        var changedItem = original.Standards[0].Items[0] with { Text = "Someone quietly reworded this standard." };
        var changed = original with
        {
            Standards = [original.Standards[0] with { Items = [changedItem, .. original.Standards[0].Items.Skip(1)] }, .. original.Standards.Skip(1)],
        };

        await using var db = database.CreateContext();
        var result = await new FrameworkImporter(db, TimeProvider.System).ImportAsync(changed, "frameworks/masa-2018.yaml");

        Assert.Equal(FrameworkImportOutcome.Refused, result.Outcome);
        Assert.Equal(
            $"frameworks/masa-2018.yaml: masa-2018 version {original.Version} is already published with different content. " +
            "A published version cannot change: give the changed framework a new version.",
            result.Message);
        var stored = await db.Items.Where(i => i.Number == "1.1" && i.Standard.FrameworkVersionId == db.FrameworkVersions.Single(f => f.FrameworkKey == "masa-2018").Id).SingleAsync();
        Assert.Equal(original.Standards[0].Items[0].Text, stored.Text);
    }

    [Fact]
    public async Task A_new_version_loads_beside_the_old_and_existing_returns_stay_on_the_version_they_started()
    {
        await using var db = database.CreateContext();
        var started = await TestData.CreateReturnAsync(db, "masa-2018");
        var original = Load(Path.Combine(RepoPaths.Frameworks, "masa-2018.yaml"));

        var result = await new FrameworkImporter(db, TimeProvider.System).ImportAsync(original with { Version = "2026-draft", Title = "MASA audit 2026" }, "masa-2026.yaml");

        Assert.Equal(FrameworkImportOutcome.Added, result.Outcome);
        Assert.Equal(2, await db.FrameworkVersions.CountAsync(f => f.FrameworkKey == "masa-2018"));
        var entity = await db.Returns.Include(r => r.FrameworkVersion).SingleAsync(r => r.Id == started.ReturnId);
        Assert.Equal(original.Version, entity.FrameworkVersion.Version);
    }

    [Theory]
    [InlineData("numeric-0-3.yaml", "numeric-score", "1", "2")]
    [InlineData("four-point.yaml", "four-point", "partially-met", "mostly-met")]
    public async Task Another_partnerships_scale_works_with_no_code_change(string file, string id, string below, string meets)
    {
        await using (var db = database.CreateContext())
        {
            var result = await new FrameworkImporter(db, TimeProvider.System).ImportAsync(Load(ValidFile(file)), file);
            Assert.NotEqual(FrameworkImportOutcome.Refused, result.Outcome);
        }

        await using var ctx = database.CreateContext();
        var created = await TestData.CreateReturnAsync(ctx, id);
        var user = await TestData.CreateUserAsync(ctx, created.AgencyId);
        var catalog = new FrameworkCatalog();
        var framework = await catalog.GetAsync(ctx, created.FrameworkVersionId);
        var service = new ReturnService(ctx, catalog, new FixedTime(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero)));

        foreach (var standard in framework.Standards)
        {
            StandardInput Input(string rating, int version) => new(version,
                [.. standard.Items.Select(i => new AnswerValues(i.Id, rating, "Evidence", null, DateInput.Empty))],
                new EvaluationValues(rating, "Statement"));

            if (standard.Items.Count > 0)
            {
                var refused = await service.SaveStandardAsync((await service.GetSummaryAsync(created.ReturnId))!, standard.Number, Input(below, 0), complete: true, user);
                var label = framework.Levels.Single(l => l.Key == below).Label;
                Assert.Contains(refused.Errors, e => e.Message == $"Enter the action required for {standard.Items[0].Number}, because you rated it {label}");
            }

            Assert.Equal(SaveOutcome.Saved, (await service.SaveStandardAsync((await service.GetSummaryAsync(created.ReturnId))!, standard.Number, Input(meets, 0), complete: true, user)).Outcome);
        }

        var submitted = await service.SubmitAsync(created.ReturnId, new SignOffInput("A Director", "Director", "Agency", new DateInput("22", "11", "2026"), true), user);
        Assert.Empty(submitted);
    }
}

using Section11.Core.Frameworks;

namespace Section11.Core.Tests.Frameworks;

/// <summary>Other partnerships' scales are data: a new file, no code change.</summary>
public class ScaleAsDataTests
{
    private static string ValidPath(string name) => Path.Combine(AppContext.BaseDirectory, "Frameworks", "Valid", name + ".yaml");

    private static FrameworkDefinition LoadValid(string name)
    {
        var result = FrameworkLoader.LoadFile(ValidPath(name));
        Assert.Empty(result.Problems.Select(p => p.ToString()));
        Assert.True(result.IsValid);
        return result.Definition!;
    }

    [Fact]
    public void Numeric_0_to_3_scale_loads_with_scores_2_and_3_meeting()
    {
        var d = LoadValid("numeric-0-3");

        Assert.Equal(
            [
                new ScaleLevelDefinition("0", "0", "red", false, 0m, "No evidence that the standard is in place."),
                new ScaleLevelDefinition("1", "1", "amber", false, 1m, "Some evidence; significant gaps remain."),
                new ScaleLevelDefinition("2", "2", "green", true, 2m, "The standard is met."),
                new ScaleLevelDefinition("3", "3", "blue", true, 3m, "The standard is met and practice is embedded and reviewed."),
            ],
            d.Scale.Levels);
        Assert.Equal(["2", "3"], d.Scale.Levels.Where(l => l.Meets).Select(l => l.Key));
        Assert.Equal("Give this standard a score from 0 to 3 with a brief supporting statement.", d.StandardEvaluation.Prompt);

        var item = Assert.Single(Assert.Single(d.Standards).Items);
        Assert.Equal(["0", "3"], item.Grades.Keys);
        Assert.Equal("A named person who champions safeguarding across the organisation.", item.Grades["3"]);
    }

    [Fact]
    public void Four_point_scale_loads_lowest_first()
    {
        var d = LoadValid("four-point");

        Assert.Equal(
            [("not-met", "Not met", "red", false), ("partially-met", "Partially met", "amber", false),
                ("mostly-met", "Mostly met", "green", true), ("fully-met", "Fully met", "green", true)],
            d.Scale.Levels.Select(l => (l.Key, l.Label, l.Colour, l.Meets)));
        Assert.All(d.Scale.Levels, l => Assert.Null(l.Value));
    }

    [Fact]
    public void Four_point_file_has_a_local_standard_without_items_and_an_item_without_evidence()
    {
        var d = LoadValid("four-point");

        Assert.Equal([(1, false, 1), (2, true, 0)], d.Standards.Select(s => (s.Number, s.Local, s.Items.Count)));
        Assert.Empty(d.Standards[0].Items[0].Evidence);
        Assert.Equal(1, d.ItemCount);
    }

    [Fact]
    public void Minimal_file_takes_the_defaults_for_what_it_leaves_out()
    {
        var d = LoadValid("minimal");

        Assert.Equal(("example", "1", "Example framework"), (d.Id, d.Version, d.Title));
        Assert.Equal(AnswerSettings.Default, d.Answer);
        Assert.Equal(StandardEvaluationSettings.Default, d.StandardEvaluation);
        Assert.Same(DeclarationDefinition.Default, d.Declaration);
        Assert.Empty(d.Documents);
        Assert.Null(d.ActionPlan);
        Assert.Null(d.Publisher);
        var item = Assert.Single(Assert.Single(d.Standards).Items);
        Assert.Equal(new[] { "Name the post holder." }, item.Evidence);
        Assert.Empty(item.Grades);
        Assert.Null(item.Note);
    }

    [Fact]
    public void Content_hash_is_stable_across_loads()
    {
        var first = FrameworkLoader.ContentHash(LoadValid("numeric-0-3"));
        var second = FrameworkLoader.ContentHash(LoadValid("numeric-0-3"));

        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{64}$", first);
    }

    [Fact]
    public void Content_hash_changes_when_an_item_text_changes_under_the_same_version()
    {
        var yaml = File.ReadAllText(ValidPath("minimal"));
        var edited = yaml.Replace("text: A named person is identified.", "text: A named person is identified and known to staff.", StringComparison.Ordinal);
        Assert.NotEqual(yaml, edited);

        var original = FrameworkLoader.Load(yaml, "minimal.yaml").Definition!;
        var changed = FrameworkLoader.Load(edited, "minimal.yaml").Definition!;

        Assert.Equal(original.Version, changed.Version);
        Assert.NotEqual(FrameworkLoader.ContentHash(original), FrameworkLoader.ContentHash(changed));
    }

    [Fact]
    public void Content_hash_ignores_line_endings_trailing_spaces_and_comments()
    {
        var yaml = File.ReadAllText(ValidPath("minimal"));
        var windows = "# saved on Windows\r\n" + yaml.Replace("\n", "   \r\n", StringComparison.Ordinal);

        var a = FrameworkLoader.Load(yaml, "a.yaml").Definition!;
        var b = FrameworkLoader.Load(windows, "b.yaml").Definition!;

        Assert.Equal(FrameworkLoader.ContentHash(a), FrameworkLoader.ContentHash(b));
    }

    [Fact]
    public void Definition_round_trips_through_json()
    {
        var d = LoadValid("numeric-0-3");

        var back = FrameworkLoader.FromJson(FrameworkLoader.ToJson(d));

        Assert.Equal(FrameworkLoader.ToJson(d), FrameworkLoader.ToJson(back));
        Assert.Equal(FrameworkLoader.ContentHash(d), FrameworkLoader.ContentHash(back));
    }
}

using Section11.Core.Frameworks;

namespace Section11.Core.Tests.Frameworks;

/// <summary>The framework's optional moderation section, validated like the rest: every problem as FILE:LINE: message.</summary>
[Trait("Category", "Review")]
public class ModerationSectionTests
{
    private static string File(string folder, string name) => Path.Combine(AppContext.BaseDirectory, "Frameworks", folder, name + ".yaml");

    private static void AssertProblems(string name, params (int Line, string Message)[] expected)
    {
        var path = File("Malformed", name);
        var result = FrameworkLoader.LoadFile(path);

        Assert.Null(result.Definition);
        Assert.Equal(expected.Select(e => $"{path}:{e.Line}: {e.Message}"), result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_moderation_section_with_its_own_0_to_3_scale_loads()
    {
        var result = FrameworkLoader.LoadFile(File("Valid", "moderated-0-3"));

        Assert.Empty(result.Problems);
        var moderation = result.Definition!.Moderation!;
        Assert.Equal([("0", 0m, false), ("1", 1m, false), ("2", 2m, true), ("3", 3m, true)], moderation.Scale!.Levels.Select(l => (l.Key, l.Value!.Value, l.Meets)));
        Assert.True(moderation.ReasonRequiredWhenDifferent);
        Assert.Equal(["not-met", "partially-met", "met"], result.Definition.Scale.Levels.Select(l => l.Key));
    }

    [Fact]
    public void Unknown_keys_and_a_reason_setting_that_is_not_true_or_false_are_reported() =>
        AssertProblems("moderation-keys",
            (24, "unknown key \"reason_required\" in moderation; expected one of scale, reason_required_when_different"),
            (25, "reason_required_when_different of moderation must be true or false, not \"sometimes\""));

    [Fact]
    public void A_moderation_scale_follows_the_rules_of_the_framework_scale() =>
        AssertProblems("moderation-one-level", (26, "the scale needs at least two levels"));

    [Fact]
    public void A_moderation_scale_must_be_a_mapping_of_levels() =>
        AssertProblems("moderation-scale-list", (25, "scale of moderation must be a mapping of keys and values"));
}

using Section11.Core.Tests.Support;
using Section11.Web.Commands;

namespace Section11.Web.Tests.Commands;

/// <summary>`frameworks validate FILE…`: what an author sees when checking a file before publishing it.</summary>
public class FrameworkCommandsTests
{
    private static string Seed(string file) => Path.Combine(RepoPaths.Frameworks, file);

    private static string Malformed(string name) =>
        Path.Combine(RepoPaths.Root, "tests", "Section11.Core.Tests", "Frameworks", "Malformed", name + ".yaml");

    private static (int ExitCode, string[] Lines) Validate(params string[] files)
    {
        using var output = new StringWriter();
        var exitCode = FrameworkCommands.Validate(files, output);
        return (exitCode, output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The version as the file has it (version: "2018"), read from the YAML text, not from the loader.</summary>
    private static string VersionInFile(string file)
    {
        var line = Assert.Single(File.ReadAllLines(file), l => l.StartsWith("version:", StringComparison.Ordinal));
        return line["version:".Length..].Trim().Trim('"', '\'');
    }

    [Fact]
    public void Both_seed_files_print_one_summary_line_each_and_exit_0()
    {
        var masaVersion = VersionInFile(Seed("masa-2018.yaml"));

        var (exitCode, lines) = Validate(Seed("primary-care-2014.yaml"), Seed("masa-2018.yaml"));

        Assert.Equal(
            [
                "primary-care-2014 2014-12: 9 standards, 59 items, 3-level scale",
                $"masa-2018 {masaVersion}: 7 standards, 27 items, 4-level scale",
            ],
            lines);
        Assert.Equal("2018", masaVersion);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Malformed_file_prints_its_problems_as_file_line_message_and_exits_1()
    {
        var file = Malformed("three-problems");

        var (exitCode, lines) = Validate(file);

        Assert.Equal(
            [
                $"{file}:2: id \"Example\" must use only lower-case letters, digits and hyphens",
                $"{file}:11: scale level \"met\" has colour \"teal\"; use one of red, amber, green, blue, purple, grey",
                $"{file}:23: item 1.1 appears twice (first at line 19)",
            ],
            lines);
        Assert.Equal(1, exitCode);
    }

    /// <summary>`dotnet run --project src/Section11.Web -- frameworks validate frameworks/*.yaml` from the repository root.</summary>
    [Fact]
    [Trait("Category", "Templates")]
    public void Relative_paths_are_read_from_the_shells_folder_and_reported_as_typed()
    {
        using var output = new StringWriter();

        var exitCode = FrameworkCommands.Validate(
            ["frameworks/primary-care-2014.yaml", "frameworks/no-such-framework.yaml"], output, shellDirectory: RepoPaths.Root);

        Assert.Equal(
            [
                "primary-care-2014 2014-12: 9 standards, 59 items, 3-level scale",
                "frameworks/no-such-framework.yaml:1: the file does not exist",
            ],
            output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void Missing_file_is_reported_and_exits_1()
    {
        var file = Path.Combine(RepoPaths.Frameworks, "no-such-framework.yaml");

        var (exitCode, lines) = Validate(file);

        Assert.Equal([$"{file}:1: the file does not exist"], lines);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void A_bad_file_does_not_stop_the_others_being_checked()
    {
        var missing = Path.Combine(RepoPaths.Frameworks, "no-such-framework.yaml");
        var malformed = Malformed("unknown-key");

        var (exitCode, lines) = Validate(missing, malformed, Seed("primary-care-2014.yaml"));

        Assert.Equal(
            [
                $"{missing}:1: the file does not exist",
                $"{malformed}:21: unknown key \"evidnce\" in an item; expected one of number, text, evidence, grades, note",
                "primary-care-2014 2014-12: 9 standards, 59 items, 3-level scale",
            ],
            lines);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void No_files_prints_usage_and_exits_1()
    {
        var (exitCode, lines) = Validate();

        Assert.Equal(["Usage: frameworks validate FILE..."], lines);
        Assert.Equal(1, exitCode);
    }
}

using Section11.Core.Frameworks;

namespace Section11.Web.Commands;

/// <summary>`frameworks validate FILE…`: checks framework files without a database.</summary>
public static class FrameworkCommands
{
    /// <summary>
    /// Checks each file and prints one line per framework or per problem. A relative path is read from
    /// <paramref name="shellDirectory"/> when given: `dotnet run --project src/Section11.Web` starts the program in
    /// the project's folder, but `frameworks/x.yaml` typed at the repository root means the shell's folder (its PWD).
    /// </summary>
    public static int Validate(IReadOnlyList<string> files, TextWriter output, string? shellDirectory = null)
    {
        if (files.Count == 0)
        {
            output.WriteLine("Usage: frameworks validate FILE...");
            return 1;
        }

        var ok = true;
        foreach (var typed in files)
        {
            var file = shellDirectory is { Length: > 0 } && !Path.IsPathRooted(typed) ? Path.Combine(shellDirectory, typed) : typed;
            if (!File.Exists(file))
            {
                output.WriteLine($"{typed}:1: the file does not exist");
                ok = false;
                continue;
            }

            var result = FrameworkLoader.Load(File.ReadAllText(file), typed);
            if (result.IsValid)
            {
                var d = result.Definition!;
                output.WriteLine($"{d.Id} {d.Version}: {d.Standards.Count} standards, {d.ItemCount} items, {d.Scale.Levels.Count}-level scale");
            }
            else
            {
                ok = false;
                foreach (var problem in result.Problems)
                {
                    output.WriteLine(problem.ToString());
                }
            }
        }

        return ok ? 0 : 1;
    }
}

using Section11.Core.Frameworks;

namespace Section11.Web.Commands;

/// <summary>`frameworks validate FILE…`: checks framework files without a database.</summary>
public static class FrameworkCommands
{
    public static int Validate(IReadOnlyList<string> files, TextWriter output)
    {
        if (files.Count == 0)
        {
            output.WriteLine("Usage: frameworks validate FILE...");
            return 1;
        }

        var ok = true;
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                output.WriteLine($"{file}:1: the file does not exist");
                ok = false;
                continue;
            }

            var result = FrameworkLoader.LoadFile(file);
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

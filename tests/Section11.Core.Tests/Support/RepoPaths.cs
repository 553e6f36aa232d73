namespace Section11.Core.Tests.Support;

/// <summary>Finds the repository from a test's output folder, so tests read the real frameworks/.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Frameworks => Path.Combine(Root, "frameworks");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Section11.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Section11.slnx not found above " + AppContext.BaseDirectory);
    }
}

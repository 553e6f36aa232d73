using Section11.Core.Data;

namespace Section11.Core.Tests.WritePaths;

/// <summary>The cases of partnerships, their member agencies, membership requests and people's roles.</summary>
public sealed partial class WritePathTests
{
    private static Dictionary<string, Func<WritePathTests, Section11DbContext, Watch, Task>> OrganisationCases() => new()
    {
    };
}

using Section11.Core.Data;

namespace Section11.Core.Tests.WritePaths;

/// <summary>The cases of accounts: invitations and account administration.</summary>
public sealed partial class WritePathTests
{
    private static Dictionary<string, Func<WritePathTests, Section11DbContext, Watch, Task>> AccountCases() => new()
    {
    };
}

using System.Text.RegularExpressions;
using Section11.Core.Identity;
using Section11.Core.Returns;
using Section11.Core.Tests.Support;
using Section11.Web.Infrastructure;

namespace Section11.Web.Tests;

/// <summary>
/// The return lifecycle is written once, in ReturnLifecycle: the filter, the entity and the views ask it. A status
/// compared or switched on anywhere else in the web project, or outside the few Core files that own the statuses, fails here.
/// </summary>
[Trait("Category", "Share")]
public partial class LifecycleRuleTests
{
    // ReturnStatus.Draft, .Submitted, … used as a value; IsEditable() called on a status in a view.
    [GeneratedRegex(@"ReturnStatus\.(Draft|Submitted|ReturnedForChanges|AwaitingSignOff)\b")]
    private static partial Regex StatusValue();

    /// <summary>The statuses' own homes: the table, the entity that moves between them, and the tracker's mapping.</summary>
    private static readonly string[] Owners =
    [
        "Returns/ReturnLifecycle.cs", "Returns/Return.cs", "Rounds/RoundService.cs", "Data/DemoData.cs",
    ];

    [Fact]
    public void No_status_rule_is_written_outside_the_lifecycle_table()
    {
        var src = Path.Combine(RepoPaths.Root, "src");
        var found = Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains("Migrations", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !Owners.Any(o => f.EndsWith(o.Replace('/', Path.DirectorySeparatorChar), StringComparison.Ordinal)))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => StatusValue().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(src, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.Empty(found);
    }

    /// <summary>What the filter and the pages ask (<see cref="ReturnAccess.Can"/>) goes through the table with rounds' closing applied.</summary>
    [Fact]
    [Trait("Category", "Operations")]
    public void A_return_going_only_to_closed_rounds_offers_nothing_to_anyone_and_one_still_going_to_an_open_round_stays_open()
    {
        static ReceiptSummary Receipt(int roundId, DateTime? closedAt) => new(roundId, roundId, roundId, "Partnership", "Round", new DateOnly(2027, 3, 31), null, closedAt);
        var closedAt = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
        var everyRole = Enum.GetValues<Role>();
        foreach (var status in Enum.GetValues<ReturnStatus>())
        {
            var stillOpen = new ReturnAccess(new ReturnSummary(1, 1, "Agency", status, 1, null, null, 0, [Receipt(1, closedAt), Receipt(2, null)]), everyRole);
            var locked = new ReturnAccess(stillOpen.Return with { Receipts = [Receipt(1, closedAt), Receipt(2, closedAt)] }, everyRole);
            Assert.False(stillOpen.Return.IsLocked);
            Assert.True(locked.Return.IsLocked);
            foreach (var action in Enum.GetValues<ReturnAction>())
            {
                Assert.Equal(ReturnLifecycle.Allows(status, action, everyRole), stillOpen.Can(action));
                Assert.False(locked.Can(action), $"{action} offered on a locked {status} return");
            }
        }
    }
}

using System.Globalization;

namespace Section11.Bench.Data;

/// <summary>What to generate. The defaults are England: 132 partnerships, about 7,000 agencies.</summary>
public sealed record NationalOptions
{
    public int Seed { get; init; } = 11;
    public int Partnerships { get; init; } = 132;
    public int GpPractices { get; init; } = 6_300;
    public int Trusts { get; init; } = 200;
    public int PoliceForces { get; init; } = 43;
    public int CouncilServices { get; init; } = 150;
    public int Charities { get; init; } = 307;

    /// <summary>Agencies given a signed-in-able lead, bench-lead-{i}@bench.example (those with an open latest return first).</summary>
    public int BenchLeads { get; init; } = 2_000;

    public const string BenchPassword = "bench-section11-password";

    public static string BenchLeadEmail(int i) => string.Create(CultureInfo.InvariantCulture, $"bench-lead-{i}@bench.example");

    public static string BenchAdminEmail(int p) => string.Create(CultureInfo.InvariantCulture, $"bench-admin-{p}@bench.example");

    /// <summary>The same shape, scaled down to a few partnerships (for a test or a quick look).</summary>
    public NationalOptions ScaledTo(int partnerships)
    {
        double f = partnerships / 132.0;
        int S(int n) => Math.Max(1, (int)Math.Round(n * f));
        return this with
        {
            Partnerships = partnerships, GpPractices = S(GpPractices), Trusts = S(Trusts), PoliceForces = S(PoliceForces),
            CouncilServices = Math.Max(partnerships, S(CouncilServices)), Charities = S(Charities), BenchLeads = Math.Min(BenchLeads, S(BenchLeads)),
        };
    }
}

public sealed record GenerationReport(IReadOnlyList<(string Table, long Rows, TimeSpan Took)> Tables, TimeSpan Elapsed);

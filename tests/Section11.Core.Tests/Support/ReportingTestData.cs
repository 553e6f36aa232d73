using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Section11.Core.ActionPlans;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Returns;
using Section11.Core.Rounds;

namespace Section11.Core.Tests.Support;

/// <summary>
/// The fixed data set every reporting test checks exact numbers against: one partnership on masa-2018
/// (4-level scale: 1 Inadequate, 2 Requires improvement, 3 Good, 4 Outstanding; 3 and 4 meet the standard),
/// a previous round and a current round. Ratings are written as digits, one per item in item order, grouped by
/// standard (4, 2, 2, 5, 5, 4, 5 items), with 0 for no rating; evaluations as one digit per standard.
///
/// Current round "Section 11 audit 2026", due 31 March 2026, looked at on <see cref="Today"/> (1 May 2026):
///   Alder Hospital Trust (Health)          submitted  items 4333 33 33 32333 33333 3333 33333  evaluations 3332333
///   Birch Police (Police)                  submitted  items 3333 23 33 31333 33233 3333 33334  evaluations 3332333
///   Cedar Council (LocalAuthority)         submitted  items 4333 33 22 32333 33333 3333 33333  evaluations 3323333
///   Damson Young Carers (Voluntary)        submitted  items 3334 33 33 33333 33333 2333 33333  evaluations 3333233
///   Elm Surgery (Health)                   draft      items 33 then nothing                     no evaluations (overdue)
/// Previous round "Section 11 audit 2024", due 31 March 2024, all submitted:
///   Alder evaluations 3322333, Birch 3333333, Cedar 2323333 (Damson and Elm were not in it).
/// Action plans (current round): Alder has one area with actions 1.1 due 1 Apr 2026 Amber (overdue),
///   1.2 due 30 Sep 2026 Red, 1.3 due 1 Feb 2026 Green; Cedar has one area with action 1.1 due 15 Apr 2026, not rated (overdue).
/// </summary>
public static class ReportingTestData
{
    public static readonly DateOnly Today = new(2026, 5, 1);

    public static DateTimeOffset Now => new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    public sealed record Agencies(int Alder, int Birch, int Cedar, int Damson, int Elm);

    public sealed record Created(
        int PartnershipId, int RoundId, int PreviousRoundId, Agencies AgencyIds,
        IReadOnlyDictionary<string, int> ReturnIds, IReadOnlyDictionary<string, int> PreviousReturnIds, string Suffix);

    private sealed record Seeded(string Name, Sector Sector, ReturnStatus Status, string Items, string? Evaluations);

    private static readonly Seeded[] Current =
    [
        new("Alder Hospital Trust", Sector.Health, ReturnStatus.Submitted, "4333 33 33 32333 33333 3333 33333", "3332333"),
        new("Birch Police", Sector.Police, ReturnStatus.Submitted, "3333 23 33 31333 33233 3333 33334", "3332333"),
        new("Cedar Council", Sector.LocalAuthority, ReturnStatus.Submitted, "4333 33 22 32333 33333 3333 33333", "3323333"),
        new("Damson Young Carers", Sector.VoluntaryAndCommunity, ReturnStatus.Submitted, "3334 33 33 33333 33333 2333 33333", "3333233"),
        new("Elm Surgery", Sector.Health, ReturnStatus.Draft, "33", null),
    ];

    private static readonly (string Name, string Evaluations)[] Previous =
    [
        ("Alder Hospital Trust", "3322333"),
        ("Birch Police", "3333333"),
        ("Cedar Council", "2323333"),
    ];

    private static readonly string[] LevelKeys = ["", "inadequate", "requires-improvement", "good", "outstanding"];

    /// <summary>Creates the data set. Agency names carry a suffix so tests sharing a database stay apart.</summary>
    public static async Task<Created> CreateAsync(Section11DbContext db)
    {
        var framework = await db.FrameworkVersions
            .Include(f => f.Standards.Where(s => s.RoundId == null)).ThenInclude(s => s.Items.Where(i => i.RoundId == null))
            .SingleAsync(f => f.FrameworkKey == "masa-2018");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var partnership = new Partnership { Name = $"Reporting partnership {suffix}" };
        var agencies = Current.Select(c => new Agency { Name = $"{c.Name} {suffix}", Sector = c.Sector }).ToList();
        partnership.Memberships.AddRange(agencies.Select(a => new PartnershipMembership { Agency = a }));
        db.Partnerships.Add(partnership);

        var previous = NewRound(partnership, framework, "Section 11 audit 2024", new DateOnly(2024, 3, 31));
        var current = NewRound(partnership, framework, "Section 11 audit 2026", new DateOnly(2026, 3, 31));
        var items = framework.Standards.OrderBy(s => s.Number).SelectMany(s => s.Items.OrderBy(i => i.SortKey)).ToList();
        var standards = framework.Standards.OrderBy(s => s.Number).ToList();

        var currentReturns = new Dictionary<string, Return>();
        for (var i = 0; i < Current.Length; i++)
        {
            var seeded = Current[i];
            currentReturns[seeded.Name] = Fill(TestReturns.Start(current, agencies[i], framework, new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc)),
                seeded.Status, seeded.Items, seeded.Evaluations, items, standards, new DateTime(2026, 3, 20 + i, 10, 0, 0, DateTimeKind.Utc));
        }

        var previousReturns = new Dictionary<string, Return>();
        foreach (var (name, evaluations) in Previous)
        {
            var agency = agencies[Array.FindIndex(Current, c => c.Name == name)];
            previousReturns[name] = Fill(TestReturns.Start(previous, agency, framework, new DateTime(2024, 1, 5, 9, 0, 0, DateTimeKind.Utc)),
                ReturnStatus.Submitted, new string('3', items.Count), evaluations, items, standards, new DateTime(2024, 3, 25, 10, 0, 0, DateTimeKind.Utc));
        }

        db.Returns.AddRange(currentReturns.Values);
        db.Returns.AddRange(previousReturns.Values);
        await db.SaveChangesAsync();

        var standard4 = standards.Single(s => s.Number == 4);
        db.ImprovementAreas.Add(Area(agencies[0].Id, current.Id, standard4.Id, "Every safer-recruitment file is complete",
            Action(1, "Audit every personnel file", new DateOnly(2026, 4, 1), Rag.Amber),
            Action(2, "Train recruiting managers", new DateOnly(2026, 9, 30), Rag.Red),
            Action(3, "Publish the recruitment policy", new DateOnly(2026, 2, 1), Rag.Green)));
        db.ImprovementAreas.Add(Area(agencies[2].Id, current.Id, standards.Single(s => s.Number == 3).Id, "Supervision happens monthly",
            Action(1, "Set up a supervision log", new DateOnly(2026, 4, 15), null)));
        await db.SaveChangesAsync();

        return new Created(partnership.Id, current.Id, previous.Id,
            new Agencies(agencies[0].Id, agencies[1].Id, agencies[2].Id, agencies[3].Id, agencies[4].Id),
            currentReturns.ToDictionary(r => r.Key, r => r.Value.Id), previousReturns.ToDictionary(r => r.Key, r => r.Value.Id), suffix);
    }

    private static Round NewRound(Partnership partnership, FrameworkVersion framework, string title, DateOnly dueOn) => new()
    {
        Partnership = partnership,
        FrameworkVersion = framework,
        Title = title,
        OpensOn = dueOn.AddMonths(-3),
        DueOn = dueOn,
        CreatedAt = new DateTime(dueOn.Year, 1, 2, 9, 0, 0, DateTimeKind.Utc),
        LaunchedAt = new DateTime(dueOn.Year, 1, 2, 9, 0, 0, DateTimeKind.Utc),
    };

    private static Return Fill(Return entity, ReturnStatus status, string pattern, string? evaluations, List<Item> items, List<Standard> standards, DateTime at)
    {
        var digits = pattern.Replace(" ", "", StringComparison.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var answer = entity.Answers.Single(a => a.ItemId == items[i].Id);
            var value = i < digits.Length ? digits[i] - '0' : 0;
            if (value == 0)
            {
                continue;
            }

            answer.Rating = LevelKeys[value];
            answer.ActualEvidence = $"Evidence for {items[i].Number}";
            if (value < 3)
            {
                answer.ActionRequired = $"Action for {items[i].Number}";
                answer.Timescale = new DateOnly(2026, 12, 31);
            }

            answer.UpdatedAt = at;
        }

        for (var s = 0; evaluations is not null && s < standards.Count; s++)
        {
            var evaluation = entity.Evaluations.Single(e => e.StandardId == standards[s].Id);
            evaluation.Rating = LevelKeys[evaluations[s] - '0'];
            evaluation.Statement = $"Statement for standard {standards[s].Number}";
            evaluation.UpdatedAt = at;
        }

        entity.Status = status;
        entity.LastActivityAt = at;
        if (status == ReturnStatus.Submitted)
        {
            entity.SubmittedAt = at;
            entity.Revision = 1;
            entity.SubmittedById = null;
            entity.SignOff = new SignOff
            {
                SignatoryName = "Pat Signatory",
                PostHeld = "Director",
                Organisation = entity.Agency.Name,
                SignedOn = DateOnly.FromDateTime(at),
                DeclarationAccepted = true,
            };
        }

        return entity;
    }

    private static ImprovementArea Area(int agencyId, int roundId, int standardId, string outcome, params PlanAction[] actions) => new()
    {
        AgencyId = agencyId,
        RoundId = roundId,
        StandardId = standardId,
        OverarchingStandard = "Standard " + standardId.ToString(CultureInfo.InvariantCulture),
        Outcome = outcome,
        Position = 1,
        CreatedAt = new DateTime(2026, 4, 2, 9, 0, 0, DateTimeKind.Utc),
        CreatedById = "reporting-test",
        Actions = [.. actions],
    };

    private static PlanAction Action(int position, string text, DateOnly deadline, Rag? rag) => new()
    {
        Position = position,
        SpecificAction = text,
        Deadline = deadline,
        LeadOrganisation = "The agency",
        AccountablePerson = "Named lead",
        SuccessIndicators = "Measured monthly",
        Rag = rag,
        ImpactAndEvidence = rag == Rag.Green ? "Policy published on the intranet" : null,
        CompletedOn = rag == Rag.Green ? deadline : null,
        UpdatedAt = new DateTime(2026, 4, 2, 9, 0, 0, DateTimeKind.Utc),
        UpdatedById = "reporting-test",
    };
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Section11.Core.ActionPlans;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Returns;
using Section11.Core.Rounds;

namespace Section11.Bench.Data;

public sealed partial class NationalDataGenerator
{
    /// <summary>The audit trail of each return: every field people filled in, then the status changes.</summary>
    private IEnumerable<object?[]> ReturnChanges(List<ReturnRow> returns, List<AnswerRow> answers, List<EvaluationRow> evaluations)
    {
        var byId = returns.ToDictionary(r => r.Id);
        foreach (var a in answers)
        {
            if (a.Level < 0)
            {
                continue;
            }

            var r = byId[a.ReturnId];
            var id = a.Id.ToString(CultureInfo.InvariantCulture);
            yield return [a.UpdatedAt, r.UserId, "Answer", id, r.Id, "Rating", null, r.Round.Fw.Levels[a.Level].Key];
            yield return [a.UpdatedAt, r.UserId, "Answer", id, r.Id, "ActualEvidence", null, Evidence(a.Id)];
            if (a.Timescale is { } timescale)
            {
                yield return [a.UpdatedAt, r.UserId, "Answer", id, r.Id, "ActionRequired", null, ActionRequired(a.Id)];
                yield return [a.UpdatedAt, r.UserId, "Answer", id, r.Id, "Timescale", null, timescale.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
            }
        }

        foreach (var e in evaluations)
        {
            if (e.Level < 0)
            {
                continue;
            }

            var r = byId[e.ReturnId];
            var id = e.Id.ToString(CultureInfo.InvariantCulture);
            yield return [e.UpdatedAt, r.UserId, "StandardEvaluation", id, r.Id, "Rating", null, r.Round.Fw.Levels[e.Level].Key];
            yield return [e.UpdatedAt, r.UserId, "StandardEvaluation", id, r.Id, "Statement", null, Statement(e.Id)];
        }

        foreach (var r in returns)
        {
            var id = r.Id.ToString(CultureInfo.InvariantCulture);
            if (r.Status is ReturnStatus.AwaitingSignOff or ReturnStatus.Submitted or ReturnStatus.ReturnedForChanges && r.LastActivityAt is { } at)
            {
                yield return [at.AddHours(-2), r.UserId, "Return", id, r.Id, "Status", "Draft", "AwaitingSignOff"];
            }

            if (r.SubmittedAt is { } submitted)
            {
                yield return [submitted, r.UserId, "Return", id, r.Id, "Status", "AwaitingSignOff", "Submitted"];
                yield return [submitted, r.UserId, "Return", id, r.Id, "SignOff", null, $"{Pick(r.Id, 7, Signatories)}, {Pick(r.Id, 8, Posts)}, {r.Agency.Name}, {submitted:yyyy-MM-dd}"];
            }

            if (r.ReturnedAt is { } returnedAt)
            {
                yield return [returnedAt, r.UserId, "Return", id, r.Id, "Status", "Submitted", "ReturnedForChanges"];
            }
        }
    }

    private static ReturnRow NewReturn(Random rng, int id, RoundRow round, AgencyRow agency, string userId)
    {
        var ret = new ReturnRow { Id = id, RoundId = round.Id, Round = round, Agency = agency, UserId = userId };
        var standards = round.Fw.Standards.Count;
        var latest = round.Cycle == Cycles[^1];
        var roll = rng.NextDouble();
        ret.Status = latest
            ? roll switch { < 0.35 => ReturnStatus.Submitted, < 0.45 => ReturnStatus.AwaitingSignOff, < 0.50 => ReturnStatus.ReturnedForChanges, _ => ReturnStatus.Draft }
            : roll switch { < 0.95 => ReturnStatus.Submitted, < 0.96 => ReturnStatus.ReturnedForChanges, _ => ReturnStatus.Draft };
        if (rng.NextDouble() < 0.03)
        {
            ret.DueOnOverride = round.DueOn.AddDays(rng.Next(14, 60));
        }

        var due = ret.DueOnOverride ?? round.DueOn;
        DateTime At(int daysBeforeDue) => due.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc).AddDays(-daysBeforeDue).AddMinutes(rng.Next(0, 480));
        switch (ret.Status)
        {
            case ReturnStatus.Submitted:
                ret.StandardsFilled = standards;
                ret.SubmittedAt = At(rng.Next(-20, 40));
                ret.LastActivityAt = ret.SubmittedAt;
                break;
            case ReturnStatus.AwaitingSignOff:
                ret.StandardsFilled = standards;
                ret.LastActivityAt = At(rng.Next(0, 30));
                break;
            case ReturnStatus.ReturnedForChanges:
                ret.StandardsFilled = standards;
                ret.SubmittedAt = null;
                ret.ReturnedAt = At(rng.Next(-10, 20));
                ret.ReturnedReason = "Please add evidence for the items rated below the threshold and a date for each action.";
                ret.LastActivityAt = ret.ReturnedAt;
                break;
            default:
                // A draft: some not started, most part-way through.
                ret.StandardsFilled = rng.NextDouble() < 0.3 ? 0 : rng.Next(1, standards);
                ret.LastActivityAt = ret.StandardsFilled == 0 ? null : At(rng.Next(0, 60));
                break;
        }

        return ret;
    }

    private List<AgencyRow> MakeAgencies(Random rng, NationalOptions o, string[] places)
    {
        var agencies = new List<AgencyRow>();
        var place = o.Partnerships;
        int P() => rng.Next(1, o.Partnerships + 1);
        List<int> Near(int first, int count) => [.. Enumerable.Range(0, count).Select(k => ((first - 1 + k) % o.Partnerships) + 1).Distinct()];
        void Add(string name, Sector sector, Kind kind, List<int> partnerships) => agencies.Add(new(agencies.Count + 1, name, sector, kind, partnerships));

        // Partnerships differ in size: weights spread GP practices unevenly.
        var weights = Enumerable.Range(0, o.Partnerships).Select(_ => 0.4 + (1.2 * rng.NextDouble())).ToArray();
        // The first is a large county partnership with about 500 practices: the round size the export target names.
        if (o.Partnerships >= 50)
        {
            weights[0] = 11.5;
        }

        var cumulative = weights.Select((w, i) => weights.Take(i + 1).Sum()).ToArray();
        for (var i = 0; i < o.GpPractices; i++)
        {
            var p = i < o.Partnerships ? i + 1 : Array.FindIndex(cumulative, c => c >= rng.NextDouble() * cumulative[^1]) + 1;
            Add($"{Pick(i, 5, Streets)} {Pick(i, 6, PracticeKinds)}, {places[p - 1]}", Sector.Health, Kind.Gp, [p]);
        }

        for (var i = 0; i < o.Trusts; i++)
        {
            var p = i < o.Partnerships ? i + 1 : P();
            var span = rng.NextDouble() switch { < 0.7 => 1, < 0.9 => 2, _ => 3 };
            Add($"{places[place++]} {Pick(i, 9, TrustKinds)}", Sector.Health, Kind.Trust, Near(p, span));
        }

        // Each force covers a run of neighbouring partnerships.
        for (var f = 0; f < o.PoliceForces; f++)
        {
            var first = (f * o.Partnerships / o.PoliceForces) + 1;
            var last = ((f + 1) * o.Partnerships / o.PoliceForces) + 1;
            Add($"{places[place++]} {(f % 3 == 0 ? "Constabulary" : "Police")}", Sector.Police, Kind.Police, Near(first, Math.Max(1, last - first)));
        }

        for (var i = 0; i < o.CouncilServices; i++)
        {
            var p = i < o.Partnerships ? i + 1 : P();
            var service = i < o.Partnerships ? 0 : 1 + (i % 2);
            Add($"{places[p - 1]} Council {(service switch { 0 => "Children's Services", 1 => "Education Services", _ => "Adult Social Care" })}",
                service == 1 ? Sector.Education : Sector.LocalAuthority, Kind.Council, rng.NextDouble() < 0.1 ? Near(p, 2) : [p]);
        }

        for (var i = 0; i < o.Charities; i++)
        {
            var national = rng.NextDouble() < 0.15;
            Add(national ? $"{Pick(i, 10, CharityNames)} {places[place++]}" : $"{places[P() - 1]} {Pick(i, 11, CharityKinds)}",
                Sector.VoluntaryAndCommunity, Kind.Charity, national ? Near(P(), rng.Next(2, 5)) : [P()]);
        }

        return agencies;
    }
}

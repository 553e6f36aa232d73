using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Section11.Core.ActionPlans;
using Section11.Core.Auditing;
using Section11.Core.Frameworks;
using Section11.Core.Identity;
using Section11.Core.Organisations;
using Section11.Core.Returns;
using Section11.Core.Rounds;

namespace Section11.Bench.Data;

/// <summary>The write steps: one per table group, each by binary COPY inside the one transaction.</summary>
public sealed partial class NationalDataGenerator
{
    private void WriteOrganisations(NpgsqlConnection connection)
    {
        Copy(connection, typeof(Partnership), ["Id", "Name"], _partnerships.Select(p => new object?[] { p.Id, p.Name }));
        Copy(connection, typeof(Agency), ["Id", "Name", "Sector"], _agencies.Select(a => new object?[] { a.Id, a.Name, a.Sector }));
        Copy(connection, typeof(PartnershipMembership), ["PartnershipId", "AgencyId"],
            _agencies.SelectMany(a => a.Partnerships.Select(p => new object?[] { p, a.Id })));
    }

    /// <summary>Users (one password hash for all who can sign in), their authenticator keys and their roles.</summary>
    private void WritePeople(NpgsqlConnection connection, int seed)
    {
        var passwordHash = hasher.HashPassword(new ApplicationUser { DisplayName = "" }, NationalOptions.BenchPassword);
        var stamp = new Random(seed + 1);
        Copy(connection, typeof(ApplicationUser),
            ["Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp",
             "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "DisplayName"],
            _users.Select(u => new object?[]
            {
                u.Id, u.Email, u.Email.ToUpperInvariant(), u.Email, u.Email.ToUpperInvariant(), true, u.CanSignIn ? passwordHash : null,
                Convert.ToHexString(Bytes(stamp, 16)), UserId(stamp), false, u.CanSignIn, true, 0, u.Name,
            }));
        Copy(connection, typeof(IdentityUserToken<string>), ["UserId", "LoginProvider", "Name", "Value"],
            _users.Where(u => u.CanSignIn).Select(u => new object?[] { u.Id, "[AspNetUserStore]", "AuthenticatorKey", Section11.Core.Accounts.DemoAccounts.AuthenticatorKey }));
        Copy(connection, typeof(RoleAssignment), ["UserId", "Role", "AgencyId", "PartnershipId"],
            _agencies.SelectMany(a => a.Kind == Kind.Gp
                    ? new[] { new object?[] { _leadIds[a.Id], Role.AgencyLead, a.Id, null }, [_leadIds[a.Id], Role.SeniorSignatory, a.Id, null] }
                    : [[_leadIds[a.Id], Role.AgencyLead, a.Id, null]])
                .Concat(_partnerships.Select(p => new object?[] { _adminIds[p.Id], Role.PartnershipAdministrator, null, p.Id })));
    }

    /// <summary>Rounds, returns with their sign-offs, answers, evaluations and the change log of what was filled in.</summary>
    private void WriteReturns(NpgsqlConnection connection)
    {
        Copy(connection, typeof(Round), ["Id", "PartnershipId", "FrameworkVersionId", "Title", "OpensOn", "DueOn", "CreatedAt", "LaunchedAt", "CreatedById"],
            _rounds.Select(r => new object?[] { r.Id, r.PartnershipId, r.Fw.Version.Id, r.Title, r.OpensOn, r.DueOn, r.LaunchedAt.AddDays(-7), r.LaunchedAt, _adminIds[r.PartnershipId] }));
        Copy(connection, typeof(Return),
            ["Id", "AgencyId", "FrameworkVersionId", "Status", "Revision", "CreatedAt", "LastActivityAt",
             "SubmittedAt", "SubmittedById", "SignOff.SignatoryName", "SignOff.PostHeld", "SignOff.Organisation", "SignOff.SignedOn", "SignOff.DeclarationAccepted"],
            _returns.Select(r =>
            {
                var signed = r.SubmittedAt is not null;
                return new object?[]
                {
                    r.Id, r.Agency.Id, r.Round.Fw.Version.Id, r.Status, signed || r.ReturnedAt is not null ? 1 : 0, r.Round.LaunchedAt, r.LastActivityAt,
                    r.SubmittedAt, signed ? r.UserId : null,
                    signed ? Pick(r.Id, 7, Signatories) : null, signed ? Pick(r.Id, 8, Posts) : null, signed ? r.Agency.Name : null,
                    signed ? DateOnly.FromDateTime(r.SubmittedAt!.Value) : null, signed ? true : null,
                };
            }));
        // Each generated return goes to its one round: the receipt takes the return's id.
        Copy(connection, typeof(Receipt), ["Id", "RoundId", "AgencyId", "ReturnId", "CreatedAt", "DueOn", "IsExtended", "ReturnedReason", "ReturnedAt"],
            _returns.Select(r => new object?[]
            {
                r.Id, r.RoundId, r.Agency.Id, r.Id, r.Round.LaunchedAt, r.DueOnOverride ?? r.Round.DueOn, r.DueOnOverride is not null,
                r.Status == ReturnStatus.ReturnedForChanges ? r.ReturnedReason : null, r.ReturnedAt,
            }));
        var returnsById = _returns.ToDictionary(r => r.Id);
        Copy(connection, typeof(Answer), ["Id", "ReturnId", "ItemId", "Rating", "ActualEvidence", "ActionRequired", "Timescale", "UpdatedAt", "UpdatedById"],
            _answers.Select(a =>
            {
                var r = returnsById[a.ReturnId];
                return a.Level < 0
                    ? new object?[] { a.Id, a.ReturnId, a.ItemId, null, null, null, null, null, null }
                    : [a.Id, a.ReturnId, a.ItemId, r.Round.Fw.Levels[a.Level].Key, Evidence(a.Id), a.Timescale is null ? null : ActionRequired(a.Id), a.Timescale, a.UpdatedAt, r.UserId];
            }));
        Copy(connection, typeof(StandardEvaluation), ["Id", "ReturnId", "StandardId", "Rating", "Statement", "Version", "UpdatedAt", "UpdatedById"],
            _evaluations.Select(e =>
            {
                var r = returnsById[e.ReturnId];
                return e.Level < 0
                    ? new object?[] { e.Id, e.ReturnId, e.StandardId, null, null, 0, null, null }
                    : [e.Id, e.ReturnId, e.StandardId, r.Round.Fw.Levels[e.Level].Key, Statement(e.Id), e.Version, e.UpdatedAt, r.UserId];
            }));
        Copy(connection, typeof(ChangeLogEntry), ["At", "UserId", "EntityType", "EntityId", "ReturnId", "Field", "OldValue", "NewValue"],
            ReturnChanges(_returns, _answers, _evaluations));
    }

    /// <summary>Action plans: each submitted return's below-threshold items, mostly taken into the plan by standard.</summary>
    private void WriteActionPlans(NpgsqlConnection connection, Random rng)
    {
        var returnsById = _returns.ToDictionary(r => r.Id);
        var areas = new List<object?[]>();
        var actions = new List<object?[]>();
        var monitoring = new List<object?[]>();
        var planLog = new List<object?[]>();
        var positions = new Dictionary<int, int>();
        var actionId = 0;
        foreach (var group in _answers.Where(a => a.Timescale is not null).GroupBy(a => a.ReturnId))
        {
            var ret = returnsById[group.Key];
            if (ret.SubmittedAt is null)
            {
                continue;
            }

            foreach (var byStandard in group.GroupBy(a => a.StandardNumber))
            {
                if (rng.NextDouble() < 0.2)
                {
                    continue; // still waiting to be taken into the plan: the action plan page suggests it
                }

                var areaId = areas.Count + 1;
                var position = positions[ret.Agency.Id] = positions.GetValueOrDefault(ret.Agency.Id) + 1;
                var standard = ret.Round.Fw.Standards.First(s => s.Standard.Number == byStandard.Key).Standard;
                var created = ret.SubmittedAt!.Value.AddDays(rng.Next(3, 30));
                areas.Add([areaId, ret.Agency.Id, ret.RoundId, standard.Id, $"Standard {byStandard.Key}, {ret.Round.Title}", Outcome(areaId), position,
                    byStandard.Select(a => a.Id).ToList(), created, ret.UserId]);
                planLog.Add([created, ret.UserId, "ImprovementArea", areaId.ToString(CultureInfo.InvariantCulture), null, "Created", null, $"Standard {byStandard.Key}: {Outcome(areaId)}"]);
                var count = rng.Next(1, 4);
                for (var n = 1; n <= count; n++)
                {
                    var id = ++actionId;
                    var deadline = DateOnly.FromDateTime(created).AddMonths(rng.Next(2, 13));
                    var age = Cycles[^1] - ret.Round.Cycle;
                    Rag? rag = (age, rng.NextDouble()) switch
                    {
                        (>= 4, < 0.85) or (2, < 0.45) or (0, < 0.05) => Rag.Green,
                        (_, < 0.55) => Rag.Amber,
                        (_, < 0.75) => Rag.Red,
                        _ => null,
                    };
                    var green = rag == Rag.Green;
                    var updated = created.AddDays(rng.Next(1, 200));
                    actions.Add([id, areaId, n, Pick(id, 1, ActionTexts), deadline, ret.Agency.Name, PersonName(rng), Pick(id, 2, Indicators), deadline.AddMonths(1),
                        rag, green ? Pick(id, 3, Impacts) : null, green ? deadline.AddDays(-rng.Next(0, 40)) : null, updated, ret.UserId, rng.Next(1, 4)]);
                    planLog.Add([created, ret.UserId, "PlanAction", id.ToString(CultureInfo.InvariantCulture), null, "Created", null, Pick(id, 1, ActionTexts)]);
                    for (var m = rng.Next(0, 4); m > 0; m--)
                    {
                        var date = DateOnly.FromDateTime(created).AddDays(rng.Next(10, 400));
                        var kind = (MonitoringKind)(rng.Next(0, 10) switch { < 7 => 0, < 9 => 1, _ => 2 });
                        monitoring.Add([id, date, kind, Pick(id * 7 + m, 4, MonitoringTexts), date.ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc), ret.UserId]);
                    }
                }
            }
        }

        Copy(connection, typeof(ImprovementArea), ["Id", "AgencyId", "RoundId", "StandardId", "OverarchingStandard", "Outcome", "Position", "SourceAnswerIds", "CreatedAt", "CreatedById"], areas);
        Copy(connection, typeof(PlanAction),
            ["Id", "ImprovementAreaId", "Position", "SpecificAction", "Deadline", "LeadOrganisation", "AccountablePerson", "SuccessIndicators", "SuccessIndicatorsBy",
             "Rag", "ImpactAndEvidence", "CompletedOn", "UpdatedAt", "UpdatedById", "Version"], actions);
        Copy(connection, typeof(MonitoringEntry), ["PlanActionId", "EntryDate", "Kind", "Text", "RecordedAt", "AuthorId"], monitoring);
        Copy(connection, typeof(ChangeLogEntry), ["At", "UserId", "EntityType", "EntityId", "ReturnId", "Field", "OldValue", "NewValue"], planLog, "ChangeLog (action plans)");
    }

    /// <summary>Ids were given explicitly: move each identity on past them.</summary>
    private async Task MoveIdentitiesOnAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        foreach (var type in new[] { typeof(Partnership), typeof(Agency), typeof(Round), typeof(Return), typeof(Receipt), typeof(Answer), typeof(StandardEvaluation), typeof(ImprovementArea), typeof(PlanAction) })
        {
            var table = db.Model.FindEntityType(type)!.GetTableName();
            await using var command = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), GREATEST((SELECT MAX(\"Id\") FROM \"{table}\"), 1))", connection, transaction);
            await command.ExecuteScalarAsync(ct);
        }
    }
}

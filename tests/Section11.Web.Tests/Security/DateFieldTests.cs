using System.Net;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Security;

/// <summary>
/// Every date field of the service, given a date that cannot be (issue 11, item 7): a specific GOV.UK error, the
/// page drawn again with everything typed, never a 500. Before, a year of 0000 threw inside the date parser.
/// </summary>
[Trait("Category", "Security")]
public sealed class DateFieldTests(PlanFixture app) : IClassFixture<PlanFixture>
{
    public static TheoryData<string, string> Fields => new()
    {
        { "Answers[0].Timescale", "Timescale for 1.1" },
        { "SignedOn", "Date of sign-off" },
        { "OpensOn", "Open date" },
        { "DueOn", "Return-by date" },
        { "Extend.DueOn", "The new return-by date" },
        { "AddAction.Deadline", "Deadline" },
        { "AddAction.SuccessIndicatorsBy", "Success indicators timescale" },
        { "Action.Deadline", "Deadline" },
        { "Action.CompletedOn", "Completion date" },
        { "EntryDate", "Date of the entry" },
    };

    /// <summary>The page the field is on, who opens it, and the form name of the field there.</summary>
    private (string Url, string Email, string Key, string? Button) Where(string field)
    {
        var (plan, draft) = (app.Plan, app.Draft);
        var agency = $"/agencies/{plan.AgencyId}/action-plan";
        var round = $"/partnerships/{plan.PartnershipId}/rounds";
        return field switch
        {
            "Answers[0].Timescale" => ($"/returns/{draft.ReturnId}/standards/1", draft.Email, field, "later"),
            "SignedOn" => ($"/returns/{draft.ReturnId}/sign-off", draft.Email, field, null),
            "OpensOn" or "DueOn" => ($"{round}/new", plan.AdminEmail, field, null),
            "Extend.DueOn" => ($"{round}/{plan.RoundId}/returns/{plan.ReturnId}/extend", plan.AdminEmail, "DueOn", null),
            "AddAction.Deadline" or "AddAction.SuccessIndicatorsBy" => ($"{agency}/areas/{plan.AreaId}/actions/new", plan.LeadEmail, $"Action.{field[10..]}", null),
            "Action.Deadline" or "Action.CompletedOn" => ($"{agency}/actions/{plan.ActionId}", plan.LeadEmail, field, null),
            _ => ($"{agency}/actions/{plan.ActionId}/monitoring/new", plan.LeadEmail, field, null),
        };
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task A_year_of_0000_is_a_specific_error_and_everything_typed_is_kept(string field, string name) =>
        await RefusedAsync(field, ("1", "1", "0000"), $"{name} must be a real date");

    [Theory]
    [InlineData("31", "2", "2027", "must be a real date")]
    [InlineData("1", "1", "10000", "must include a year with 4 numbers, for example 2027")]
    [InlineData("-1", "1", "2027", "must be a real date")]
    [InlineData("one", "1", "2027", "must be a real date")]
    [InlineData("1", "1", "99999999999999999999", "must include a year with 4 numbers, for example 2027")]
    [InlineData("99999999999", "1", "2027", "must be a real date")]
    public async Task Other_impossible_dates_are_specific_errors_on_every_page(string day, string month, string year, string error)
    {
        foreach (var (field, name) in Fields.Select(row => ((string)row[0], (string)row[1])))
        {
            await RefusedAsync(field, (day, month, year), $"{name} {error}");
        }
    }

    private async Task RefusedAsync(string field, (string Day, string Month, string Year) date, string message)
    {
        var (url, email, key, button) = Where(field);
        var client = await app.SignedInAsync(email);
        var page = await client.GetAsync(url);
        var values = new Dictionary<string, string?> { [$"{key}.Day"] = date.Day, [$"{key}.Month"] = date.Month, [$"{key}.Year"] = date.Year };
        var textField = page.Document.QuerySelector("main form textarea, main form input.govuk-input:not(.govuk-date-input__input)")?.GetAttribute("name");
        if (textField is not null)
        {
            values[textField] = "Typed before the mistake";
        }

        var result = await client.SubmitAsync(page, values, button);

        Assert.True(result.Status == HttpStatusCode.OK, $"{field}: {result.Status}");
        Assert.Contains(message, result.ErrorSummary);
        Assert.Equal((date.Day, date.Month, date.Year), (result.Value($"{key}.Day"), result.Value($"{key}.Month"), result.Value($"{key}.Year")));
        if (textField is not null)
        {
            Assert.Equal("Typed before the mistake", result.Value(textField));
        }
    }
}

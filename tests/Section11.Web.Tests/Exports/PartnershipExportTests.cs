using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section11.Core.Reporting.Exports;
using Section11.Web.Tests.Support;

namespace Section11.Web.Tests.Exports;

/// <summary>
/// The full export of a partnership, on two partnerships sharing one agency (<see cref="SharedAgency"/>): each file's
/// rows are the database's for the partnership, and nothing of the other partnership is in either format.
/// </summary>
[Trait("Category", "AnnualReport")]
public sealed class PartnershipExportTests(Section11Factory factory) : IClassFixture<Section11Factory>
{
    private async Task<(Dictionary<string, string> Files, IReadOnlyDictionary<string, long> Counts)> ZipAsync(int partnershipId)
    {
        await using var db = factory.Database.CreateContext();
        using var stream = new MemoryStream();
        var counts = await PartnershipExport.WriteZipAsync(db, partnershipId, stream);
        stream.Position = 0;
        using var zip = new ZipArchive(stream);
        var files = new Dictionary<string, string>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            files[entry.FullName] = await reader.ReadToEndAsync();
        }

        return (files, counts);
    }

    /// <summary>The database's own counts for the partnership, written here independently of the export's queries.</summary>
    private async Task<Dictionary<string, long>> DatabaseCountsAsync(int partnershipId)
    {
        await using var db = factory.Database.CreateContext();
        var returns = db.Receipts.Where(x => x.Round.PartnershipId == partnershipId && x.ReturnId != null).Select(x => x.ReturnId!.Value);
        var ownStandards = db.Standards.Where(s => s.RoundId == null || db.Rounds.Any(r => r.Id == s.RoundId && r.PartnershipId == partnershipId)).Select(s => s.Id);
        var areas = db.ImprovementAreas.Where(a => db.Rounds.Any(r => r.Id == a.RoundId && r.PartnershipId == partnershipId));
        return new()
        {
            ["rounds"] = await db.Rounds.CountAsync(r => r.PartnershipId == partnershipId),
            ["receipts"] = await db.Receipts.CountAsync(x => x.Round.PartnershipId == partnershipId),
            ["answers"] = await db.Answers.CountAsync(a => returns.Contains(a.ReturnId) && ownStandards.Contains(a.Item.StandardId)),
            ["evaluations"] = await db.StandardEvaluations.CountAsync(e => returns.Contains(e.ReturnId) && ownStandards.Contains(e.StandardId)),
            ["sign_offs"] = await db.Returns.CountAsync(r => returns.Contains(r.Id) && r.SignOff != null),
            ["improvement_areas"] = await areas.CountAsync(),
            ["actions"] = await db.PlanActions.CountAsync(a => areas.Any(x => x.Id == a.ImprovementAreaId)),
            ["monitoring"] = await db.MonitoringEntries.CountAsync(m => db.PlanActions.Any(a => a.Id == m.PlanActionId && areas.Any(x => x.Id == a.ImprovementAreaId))),
        };
    }

    private static int Lines(string csv) => csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;

    [Fact]
    public async Task Each_files_rows_are_the_databases_for_the_partnership_and_none_of_the_others()
    {
        var s = await factory.CreateSharedAgencyAsync();

        var (filesA, countsA) = await ZipAsync(s.PartnershipA);
        var (filesB, _) = await ZipAsync(s.PartnershipB);

        var expected = await DatabaseCountsAsync(s.PartnershipA);
        Assert.All(expected, e => Assert.Equal((e.Key, e.Value), (e.Key, countsA[e.Key])));
        Assert.True(expected["answers"] > 0 && expected["improvement_areas"] > 0 && expected["actions"] > 0);
        // The files say the same as the counts (no answer here has a line break, so a line is a row).
        Assert.Equal(countsA["answers"], Lines(filesA["answers.csv"]));
        Assert.Equal(countsA["receipts"], Lines(filesA["receipts.csv"]));

        var allA = string.Concat(filesA.Values);
        var allB = string.Concat(filesB.Values);
        Assert.Contains(s.SecretOutcome, allA, StringComparison.Ordinal);
        Assert.Contains(s.SecretAction, allA, StringComparison.Ordinal);
        Assert.DoesNotContain(s.OutcomeB, allA, StringComparison.Ordinal);
        Assert.DoesNotContain(s.SecretOutcome, allB, StringComparison.Ordinal);
        Assert.DoesNotContain(s.SecretAction, allB, StringComparison.Ordinal);
        Assert.Contains(s.OutcomeB, allB, StringComparison.Ordinal);
        // B's return and round are nowhere in A's receipts, and A's return nowhere in B's.
        Assert.DoesNotContain(filesA["receipts.csv"].Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1), l => l.Split(',')[5] == s.ReturnB.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(filesB["receipts.csv"].Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1), l => l.Split(',')[5] == s.ReturnA.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(filesA["rounds.csv"].Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1), l => l.Split(',')[0] == s.RoundB.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_data_dictionary_lists_every_file_and_column_and_the_json_has_the_same_rows()
    {
        var s = await factory.CreateSharedAgencyAsync();
        var (files, counts) = await ZipAsync(s.PartnershipA);

        var dictionary = files[PartnershipExport.DictionaryFile].TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        foreach (var (name, content) in files.Where(f => f.Key != PartnershipExport.DictionaryFile))
        {
            var header = content.TrimStart('\uFEFF').Split("\r\n")[0].Split(',');
            Assert.Equal(header, dictionary.Where(d => d[0] == name && d[1].Length > 0).Select(d => d[1]));
            Assert.Single(dictionary, d => d[0] == name && d[1].Length == 0); // what a row of the file is
        }

        await using var db = factory.Database.CreateContext();
        using var json = new MemoryStream();
        var jsonCounts = await PartnershipExport.WriteJsonAsync(db, s.PartnershipA, json);
        using var document = JsonDocument.Parse(json.ToArray());
        var tables = document.RootElement.GetProperty("tables");
        Assert.Equal(counts, jsonCounts);
        Assert.All(counts, c => Assert.Equal(c.Value, tables.GetProperty(c.Key).GetProperty("rows").GetArrayLength()));
        Assert.DoesNotContain(s.OutcomeB, Encoding.UTF8.GetString(json.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_downloads_the_zip_from_the_partnership_page()
    {
        var s = await factory.CreateSharedAgencyAsync();
        var client = factory.CreateHtmlClient();
        await client.SignInAsync(s.AdminB.Email);
        var partnership = await client.GetAsync(Links.Partnership(s.PartnershipB));
        var page = await client.GetAsync(partnership.Document.QuerySelector("#data-export-link")!.GetAttribute("href")!);

        var response = await client.Http.GetAsync(page.Document.QuerySelector("#download-zip")!.GetAttribute("href")!);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Contains(zip.Entries, e => e.FullName == PartnershipExport.DictionaryFile);
        var text = string.Concat(zip.Entries.Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.Contains(s.OutcomeB, text, StringComparison.Ordinal);
        Assert.DoesNotContain(s.SecretOutcome, text, StringComparison.Ordinal);
    }
}

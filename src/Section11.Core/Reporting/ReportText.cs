using System.Globalization;
using Section11.Core.Exports;

namespace Section11.Core.Reporting;

public static class ReportText
{
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>One unique file name per report, in report order: "alder-hospital-trust.pdf", a second of the same name "-2".</summary>
    public static IReadOnlyList<string> FileNames(IEnumerable<ReturnReport> reports, string extension) =>
        FileNames(reports.Select(r => r.AgencyName), extension);

    /// <summary>The same from the agencies' names (a challenge panel's pre-read pack).</summary>
    public static IReadOnlyList<string> FileNames(IEnumerable<string> agencyNames, string extension)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var agencyName in agencyNames)
        {
            var slug = ExportText.Slug(agencyName, whenEmpty: "agency");
            var name = slug;
            for (var n = 2; !used.Add(name); n++)
            {
                name = $"{slug}-{n.ToString(CultureInfo.InvariantCulture)}";
            }

            names.Add($"{name}.{extension}");
        }

        return names;
    }
}

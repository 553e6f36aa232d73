using System.Globalization;
using System.Text;

namespace Section11.Core.Reporting;

public static class ReportText
{
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A file name from an agency name: "Birch Police (North)" becomes "birch-police-north"; never empty.</summary>
    public static string Slug(string name)
    {
        var builder = new StringBuilder(name.Length);
        // Letters outside ASCII are kept (zip entries and downloads carry UTF-8 names): invariant globalization cannot strip accents.
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "agency" : slug[..Math.Min(slug.Length, 80)].TrimEnd('-');
    }

    /// <summary>One unique file name per report, in report order: "alder-hospital-trust.pdf", a second of the same name "-2".</summary>
    public static IReadOnlyList<string> FileNames(IEnumerable<ReturnReport> reports, string extension)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var report in reports)
        {
            var slug = Slug(report.AgencyName);
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

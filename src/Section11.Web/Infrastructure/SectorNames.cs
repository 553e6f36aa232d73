using Section11.Core.Organisations;

namespace Section11.Web.Infrastructure;

public static class SectorNames
{
    public static string Of(Sector sector) => Core.Reporting.Exports.ReportLabels.Sector(sector);

    public static IReadOnlyList<RadioOption> Options { get; } =
        [.. Enum.GetValues<Sector>().Select(s => new RadioOption(s.ToString(), Of(s)))];
}

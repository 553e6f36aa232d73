using Section11.Core.Organisations;

namespace Section11.Web.Infrastructure;

public static class SectorNames
{
    public static string Of(Sector sector) => sector switch
    {
        Sector.Health => "Health",
        Sector.Police => "Police",
        Sector.LocalAuthority => "Local authority",
        Sector.Education => "Education",
        Sector.VoluntaryAndCommunity => "Voluntary and community",
        _ => "Other",
    };

    public static IReadOnlyList<RadioOption> Options { get; } =
        [.. Enum.GetValues<Sector>().Select(s => new RadioOption(s.ToString(), Of(s)))];
}

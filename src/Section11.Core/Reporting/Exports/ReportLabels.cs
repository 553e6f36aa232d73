using Section11.Core.Organisations;

namespace Section11.Core.Reporting.Exports;

/// <summary>The words the service shows for sectors (statuses: TrackerStatus.Label()), shared by pages and exports so a download reads like the screen.</summary>
public static class ReportLabels
{
    public static string Sector(Sector sector) => sector switch
    {
        Organisations.Sector.Health => "Health",
        Organisations.Sector.Police => "Police",
        Organisations.Sector.LocalAuthority => "Local authority",
        Organisations.Sector.Education => "Education",
        Organisations.Sector.VoluntaryAndCommunity => "Voluntary and community",
        _ => "Other",
    };
}

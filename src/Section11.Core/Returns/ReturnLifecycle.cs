using Section11.Core.Identity;

namespace Section11.Core.Returns;

/// <summary>What can be done to a return, by the agency or by a partnership that receives it.</summary>
public enum ReturnAction
{
    /// <summary>Change answers and evaluations.</summary>
    Edit,
    SendForSignOff,

    /// <summary>Take it back from sign-off to change it.</summary>
    Withdraw,

    /// <summary>Sign the declaration and submit to every receiving partnership.</summary>
    SignOff,

    /// <summary>Choose which partnerships receive it.</summary>
    Share,
    ReturnForChanges,
    Extend,
}

/// <summary>
/// The return lifecycle in one table: for each status, which actions are open and to which roles. The entity's guards,
/// the access filter and the pages (which buttons to show) all ask this table; no status rule is written anywhere else.
/// </summary>
public static class ReturnLifecycle
{
    private static readonly Role[] Editors = [Role.AgencyLead, Role.AgencyContributor];
    private static readonly Role[] Lead = [Role.AgencyLead];
    private static readonly Role[] Signatory = [Role.SeniorSignatory];
    private static readonly Role[] Administrator = [Role.PartnershipAdministrator];

    private static readonly Dictionary<ReturnStatus, Dictionary<ReturnAction, Role[]>> Table = new()
    {
        [ReturnStatus.Draft] = new()
        {
            [ReturnAction.Edit] = Editors,
            [ReturnAction.SendForSignOff] = Editors,
            [ReturnAction.SignOff] = Signatory,
            [ReturnAction.Share] = Lead,
            [ReturnAction.Extend] = Administrator,
        },
        [ReturnStatus.ReturnedForChanges] = new()
        {
            [ReturnAction.Edit] = Editors,
            [ReturnAction.SendForSignOff] = Editors,
            [ReturnAction.SignOff] = Signatory,
            [ReturnAction.Share] = Lead,
            [ReturnAction.Extend] = Administrator,
        },
        [ReturnStatus.AwaitingSignOff] = new()
        {
            [ReturnAction.Withdraw] = Editors,
            [ReturnAction.SignOff] = Signatory,
            [ReturnAction.Share] = Lead,
            [ReturnAction.Extend] = Administrator,
        },
        [ReturnStatus.Submitted] = new()
        {
            [ReturnAction.Share] = Lead,
            [ReturnAction.ReturnForChanges] = Administrator,
        },
    };

    /// <summary>The one status that counts in figures, reports and action plans: signed off and delivered.</summary>
    public const ReturnStatus CountingStatus = ReturnStatus.Submitted;

    /// <summary>Whether the status allows the action at all (the entity's guard).</summary>
    public static bool Allows(ReturnStatus status, ReturnAction action) =>
        Table.TryGetValue(status, out var actions) && actions.ContainsKey(action);

    /// <summary>Whether someone holding <paramref name="roles"/> may do it now (the filter and the pages).</summary>
    public static bool Allows(ReturnStatus status, ReturnAction action, IEnumerable<Role> roles) =>
        Table.TryGetValue(status, out var actions) && actions.TryGetValue(action, out var allowed) && roles.Any(allowed.Contains);

    /// <summary>The roles that may ever do the action, whatever the status.</summary>
    public static IReadOnlySet<Role> RolesFor(ReturnAction action) =>
        Table.Values.SelectMany(a => a.TryGetValue(action, out var roles) ? roles : []).ToHashSet();

    /// <summary>The statuses in which the action is open, for the docs and the tests.</summary>
    public static IReadOnlyList<ReturnStatus> StatusesFor(ReturnAction action) =>
        [.. Table.Where(t => t.Value.ContainsKey(action)).Select(t => t.Key)];

    public static string Refusal(ReturnStatus status, ReturnAction action) => action switch
    {
        ReturnAction.Edit => "This return is not open for changes.",
        ReturnAction.SendForSignOff => "This return is not open for changes.",
        ReturnAction.Withdraw => "Only a return waiting for sign-off can be taken back.",
        ReturnAction.SignOff => "This return has already been submitted and cannot be changed.",
        ReturnAction.ReturnForChanges => "Only a submitted return can be returned for changes.",
        _ => $"This cannot be done to a return that is {status.Label().ToLowerInvariant()}.",
    };
}

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

    /// <summary>The actions on one partnership's receipt rather than on the agency's return: its round being closed stops them.</summary>
    public static bool IsOnReceipt(ReturnAction action) => action is ReturnAction.ReturnForChanges or ReturnAction.Extend;

    /// <summary>
    /// A return is locked when every round it goes to is closed: nothing is open to anyone, whatever its status. A return
    /// still going to an open round stays open (for that round). <paramref name="roundsClosed"/>: one per receipt.
    /// </summary>
    public static bool IsLocked(IEnumerable<bool> roundsClosed)
    {
        var closed = roundsClosed.ToList();
        return closed.Count > 0 && closed.All(c => c);
    }

    /// <summary>
    /// The table with rounds' closing applied. <paramref name="closed"/>: for an action on a receipt
    /// (<see cref="IsOnReceipt"/>), whether that receipt's round is closed; for any other, whether the return is locked.
    /// </summary>
    public static bool Allows(ReturnStatus status, ReturnAction action, bool closed) => !closed && Allows(status, action);

    /// <summary>As <see cref="Allows(ReturnStatus, ReturnAction, IEnumerable{Role})"/>, with rounds' closing applied.</summary>
    public static bool Allows(ReturnStatus status, ReturnAction action, IEnumerable<Role> roles, bool closed) => !closed && Allows(status, action, roles);

    public static string Refusal(ReturnStatus status, ReturnAction action, bool closed) => !closed
        ? Refusal(status, action)
        : IsOnReceipt(action)
            ? "This round is closed: its returns can no longer be extended or returned for changes."
            : "This return is locked: every round it goes to is closed.";

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

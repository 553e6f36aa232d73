using Section11.Core.Organisations;

namespace Section11.Web.Infrastructure;

/// <summary>What the people pages say after an invitation: a role given with a new account, or one offered to an existing account.</summary>
public static class InviteConfirmation
{
    public static string For(PersonAdded added) => added.Pending
        ? $"{added.Email} already has an account, so we have asked them to accept the role. They will have it once they do."
        : $"Invitation sent to {added.Email}";
}

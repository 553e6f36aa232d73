namespace Section11.Web.Infrastructure;

/// <summary>Settings under "Authentication:OpenIdConnect": sign-in with an organisation's identity provider, if set.</summary>
public sealed class OpenIdConnectSettings
{
    public const string Section = "Authentication:OpenIdConnect";
    public const string Scheme = "oidc";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string DisplayName { get; set; } = "your organisation's account";

    /// <summary>
    /// Trust the provider's email addresses as verified even without an email_verified claim. Microsoft Entra ID does
    /// not send that claim; set this only for a tenant whose addresses the organisation itself controls.
    /// </summary>
    public bool EmailsAreVerified { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

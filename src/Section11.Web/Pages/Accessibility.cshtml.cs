using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Section11.Web.Pages;

/// <summary>The accessibility statement the 2018 accessibility regulations require, with the operator's contact.</summary>
[AllowAnonymous]
public class AccessibilityModel(IConfiguration configuration) : PageModel
{
    /// <summary>Where people ask for another format or report a problem: Accessibility:ContactEmail, set by whoever runs the service.</summary>
    public string? ContactEmail { get; private set; }

    public void OnGet() => ContactEmail = configuration["Accessibility:ContactEmail"] is { Length: > 0 } email ? email.Trim() : null;
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Section11.Core.Accounts;
using Section11.Core.Data;
using Section11.Core.Email;
using Section11.Core.Identity;

namespace Section11.Web.Infrastructure;

/// <summary>Identity, cookies, sign-in methods and email: everything about accounts, configured in one place.</summary>
public static class AccountsSetup
{
    /// <summary>Our authenticator codes provider, which refuses a code used before.</summary>
    public const string AuthenticatorProvider = "Section11Authenticator";

    public static WebApplicationBuilder AddSection11Accounts(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var services = builder.Services;
        var accounts = config.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new AccountOptions();

        // Cookies are always Secure, except for `dotnet run` on http://localhost in Development, where a Secure
        // antiforgery cookie would make every form fail. Behind a TLS-terminating proxy set
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true so requests are seen as HTTPS.
        var securePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.Configure<AccountOptions>(config.GetSection(AccountOptions.Section));
        services.Configure<EmailOptions>(config.GetSection(EmailOptions.Section));
        services.PostConfigure<EmailOptions>(o => o.PickupDirectory ??= DefaultPickupDirectory(config, builder.Environment));

        services.AddIdentity<ApplicationUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = PasswordRules.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Tokens.AuthenticatorTokenProvider = AuthenticatorProvider;
            })
            .AddEntityFrameworkStores<Section11DbContext>()
            .AddSignInManager<Section11SignInManager>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ReplayProtectedAuthenticatorTokenProvider>(AuthenticatorProvider)
            .AddErrorDescriber<AccountErrorDescriber>()
            .AddPasswordValidator<PasswordPolicyValidator>();
        services.AddSingleton(new CommonPasswords(() => ReadCommonPasswords(builder.Environment)));
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(accounts.PasswordResetHours));
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = accounts.SessionCheckInterval;
            o.OnRefreshingPrincipal = KeepSignInMethod;
        });
        // Session times follow the service's clock (TimeProvider), as everything else does.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, time) => o.TimeProvider = time);
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<TimeProvider>((o, time) => o.TimeProvider = time);

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = Links.SignIn();
            o.LogoutPath = Links.SignOut();
            o.AccessDeniedPath = "/errors/403";
            o.Cookie.Name = "section11";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(accounts.SessionIdleMinutes);
            o.SlidingExpiration = true;
            // Each sign-in is a row in the Sessions table, checked on every request; every request also restarts
            // the idle clock (sliding expiration alone waits for half the time). See ServerSessions.
            o.Events.OnSigningIn = ServerSessions.SigningInAsync;
            o.Events.OnSigningOut = ServerSessions.SigningOutAsync;
            o.Events.OnValidatePrincipal = ServerSessions.ValidatePrincipalAsync;
            // A form sent after the idle time ran out is kept for the person to send again after signing in.
            o.Events.OnRedirectToLogin = KeptForms.RedirectToLoginAsync;
            Harden(o.Cookie, securePolicy);
        });
        // The short-lived cookies between sign-in steps get the same protection as the session cookie.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = "section11-2fa";
            Harden(o.Cookie, securePolicy);
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, o =>
        {
            o.Cookie.Name = "section11-external";
            Harden(o.Cookie, securePolicy);
        });
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = "section11-tempdata";
            Harden(o.Cookie, securePolicy);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "section11-antiforgery";
            o.Cookie.SecurePolicy = securePolicy;
        });

        services.AddHttpContextAccessor();
        services.AddSingleton<EmailSender>();
        services.AddScoped<AuthenticatorCodes>();
        services.AddScoped<InvitationService>();
        services.AddScoped<PasswordService>();
        services.AddScoped<SessionService>();
        services.AddScoped<KeptFormService>();
        services.AddScoped<AccountAdministration>();
        services.AddScoped<MfaService>();
        services.AddScoped<ExternalAccounts>();
        services.AddScoped<MfaSignIn>();
        services.AddSingleton<PasswordResetQueue>();
        services.AddHostedService(s => s.GetRequiredService<PasswordResetQueue>());
        services.AddHostedService<AccountsStartupLog>();
        services.Configure<MvcOptions>(o => o.Filters.Add<MfaRequiredFilter>());
        services.Configure<MvcOptions>(o => o.Filters.Add<KeptFormFilter>());

        var oidc = config.GetSection(OpenIdConnectSettings.Section).Get<OpenIdConnectSettings>() ?? new OpenIdConnectSettings();
        services.AddSingleton(oidc);
        if (oidc.IsConfigured)
        {
            services.AddAuthentication().AddOpenIdConnect(OpenIdConnectSettings.Scheme, oidc.DisplayName, o =>
            {
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.Scope.Add("email");
                o.CallbackPath = "/sign-in/oidc";
                o.SignedOutCallbackPath = "/sign-out/oidc";
                // Keep "amr": it says whether the provider did MFA.
                o.ClaimActions.Remove("amr");
                o.CorrelationCookie.SecurePolicy = securePolicy;
                o.NonceCookie.SecurePolicy = securePolicy;
            });
        }

        return builder;
    }

    private static void Harden(CookieBuilder cookie, CookieSecurePolicy securePolicy)
    {
        cookie.HttpOnly = true;
        cookie.SecurePolicy = securePolicy;
        cookie.SameSite = SameSiteMode.Lax;
    }

    /// <summary>
    /// Identity rebuilds the principal when it re-checks the security stamp, and would drop how the person signed in;
    /// keep it, or everyone would be sent back to MFA set-up after the first check. Keep the session id too.
    /// </summary>
    private static Task KeepSignInMethod(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
        {
            foreach (var claim in current.Claims.Where(c => c.Type is MfaSignIn.AmrClaim or ClaimTypes.AuthenticationMethod))
            {
                if (!identity.HasClaim(claim.Type, claim.Value))
                {
                    identity.AddClaim(new Claim(claim.Type, claim.Value));
                }
            }

            ServerSessions.KeepSession(current, identity);
        }

        return Task.CompletedTask;
    }

    /// <summary>data/mail beside the SQLite file; for PostgreSQL, data/mail under the content root.</summary>
    private static string DefaultPickupDirectory(IConfiguration config, IWebHostEnvironment environment)
    {
        var database = DatabaseSettings.From(config);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            if (!string.IsNullOrEmpty(file) && file != ":memory:")
            {
                return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, "mail");
            }
        }

        return Path.Combine(environment.ContentRootPath, "data", "mail");
    }

    /// <summary>
    /// The bundled list, read when a password is first checked: embedded in the assembly when the project embeds it,
    /// else from Resources/ under the content root or beside the app.
    /// </summary>
    private static IEnumerable<string> ReadCommonPasswords(IWebHostEnvironment environment)
    {
        const string file = "common-passwords.txt";
        var assembly = typeof(AccountsSetup).Assembly;
        var resource = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(file, StringComparison.Ordinal));
        if (resource is not null)
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            return CommonPasswords.Read(reader);
        }

        var path = new[] { environment.ContentRootPath, AppContext.BaseDirectory }
            .Select(root => Path.Combine(root, "Resources", file)).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"The list of common passwords, Resources/{file}, is missing from the application.");
        using var text = File.OpenText(path);
        return CommonPasswords.Read(text);
    }
}

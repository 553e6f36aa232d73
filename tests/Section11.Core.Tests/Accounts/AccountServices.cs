using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Section11.Core.Accounts;
using Section11.Core.Auditing;
using Section11.Core.Data;
using Section11.Core.Email;
using Section11.Core.Identity;
using Section11.Core.Tests.Support;

namespace Section11.Core.Tests.Accounts;

/// <summary>
/// The account services as the web app wires them (Identity over EF, our validators and authenticator provider), over
/// a test database, a clock the test sets, and emails written to a temporary pickup folder.
/// </summary>
public sealed class AccountServices : IAsyncDisposable
{
    private readonly ServiceProvider _root;
    private readonly AsyncServiceScope _scope;

    public AccountServices(TestDatabase database, FixedTime time, string[]? commonPasswords = null)
    {
        Time = time;
        Pickup = Directory.CreateTempSubdirectory("section11-mail-").FullName;
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(time);
        services.AddDbContext<Section11DbContext>(database.Settings.Configure);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = PasswordRules.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Tokens.AuthenticatorTokenProvider = "Section11Authenticator";
            })
            .AddEntityFrameworkStores<Section11DbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ReplayProtectedAuthenticatorTokenProvider>("Section11Authenticator")
            .AddErrorDescriber<AccountErrorDescriber>()
            .AddPasswordValidator<PasswordPolicyValidator>();
        services.AddSingleton(new CommonPasswords(commonPasswords ?? ["password", "iloveyou", "sunshine1"]));
        services.Configure<EmailOptions>(o => o.PickupDirectory = Pickup);
        services.Configure<AccountOptions>(o => o.PublicBaseUrl = "https://section11.example.org");
        services.AddSingleton<EmailSender>();
        services.AddScoped<SecurityLog>();
        services.AddScoped<AuthenticatorCodes>();
        services.AddScoped<InvitationService>();
        services.AddScoped<MfaService>();
        services.AddScoped<ExternalAccounts>();
        _root = services.BuildServiceProvider();
        _scope = _root.CreateAsyncScope();
    }

    public FixedTime Time { get; }
    public string Pickup { get; }

    public T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    public UserManager<ApplicationUser> Users => Get<UserManager<ApplicationUser>>();

    /// <summary>Another request: its own scope, so its own DbContext and UserManager.</summary>
    public AsyncServiceScope NewScope() => _root.CreateAsyncScope();

    /// <summary>The emails written so far, oldest first.</summary>
    public IReadOnlyList<MimeKit.MimeMessage> Emails() =>
        [.. Directory.GetFiles(Pickup, "*.eml").Order().Select(f => MimeKit.MimeMessage.Load(f))];

    public async Task<ApplicationUser> CreateUserAsync(string? email = null, string name = "Test Person")
    {
        email ??= $"{Guid.NewGuid():N}@test.example";
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = name };
        var result = await Users.CreateAsync(user);
        Assert.True(result.Succeeded);
        return user;
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _root.DisposeAsync();
        Directory.Delete(Pickup, recursive: true);
    }
}
